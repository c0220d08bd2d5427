// A synthetic staff list for the educator template and tests: no real person's data, deterministic
// from a seed.
import type { Educator } from "../contract/educators.js";

/** A synthetic staff list: three districts, four schools each, 4–16 teachers and a principal. */
export function sampleEducators(seed = 11): Educator[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const rating = () => Math.round((1.5 + random() * 2.5) * 10) / 10;
  const out: Educator[] = [];
  for (const district of ["Fresno Unified", "Oakland Unified", "Sanger Unified"]) {
    for (let s = 1; s <= 4; s++) {
      const school = `${district.split(" ")[0]} School ${s}`;
      const teachers = 4 + Math.floor(random() * 13);
      for (let t = 0; t <= teachers; t++) {
        const role = t === teachers ? "principal" : "teacher";
        const measures: Educator["measures"] = { practice: rating(), surveys: rating(), goals: rating() };
        if (random() > 0.05) measures.growth = rating(); // a few without growth: unrated under the weighted model
        out.push({ id: `${school.replace(/ /g, "")}-${role === "principal" ? "P" : `T${t}`}`, role, school, district, measures });
      }
    }
  }
  return out;
}
