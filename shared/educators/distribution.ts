// Methodology §11 public report: how educators are distributed over the four levels, per district
// and role and per school and role, with small groups suppressed and, where one suppressed school
// could be recovered from its district's total, a second group suppressed to protect it.
import {
  type Distribution,
  EDUCATOR_LEVELS,
  type Educator,
  type EducatorLevel,
  type EducatorResult,
  type GroupReport,
  ROLES,
  type Role,
} from "../contract/educators.js";
import { roundHalfAway } from "../core/numbers.js";

type Tally = Record<EducatorLevel, number>;
const emptyTally = (): Tally => ({ ineffective: 0, developing: 0, effective: 0, highlyEffective: 0 });
const sum = (t: Tally) => EDUCATOR_LEVELS.reduce((n, l) => n + t[l], 0);

function shown(tally: Tally): GroupReport {
  const rated = sum(tally);
  const percents = emptyTally();
  for (const l of EDUCATOR_LEVELS) percents[l] = rated === 0 ? 0 : roundHalfAway((100 * tally[l]) / rated, 1);
  return { rated, counts: { ...tally }, percents, suppressed: false, reason: null };
}

const hidden = (reason: string): GroupReport => ({ rated: null, counts: null, percents: null, suppressed: true, reason });

/** Unrated educators are not counted: the report is of educators by level. */
export function distribution(educators: readonly Educator[], results: readonly EducatorResult[], minReport: number): Distribution {
  const bySchool = new Map<string, { district: string; tallies: Map<Role, Tally> }>();
  const byDistrict = new Map<string, Map<Role, Tally>>();
  educators.forEach((e, i) => {
    const level = results[i]!.level;
    if (!bySchool.has(e.school)) bySchool.set(e.school, { district: e.district, tallies: new Map() });
    if (!byDistrict.has(e.district)) byDistrict.set(e.district, new Map());
    for (const tallies of [bySchool.get(e.school)!.tallies, byDistrict.get(e.district)!]) {
      if (!tallies.has(e.role)) tallies.set(e.role, emptyTally());
      if (level) tallies.get(e.role)![level]++;
    }
  });

  // School and district names are the caller's text: Maps while counting, and own properties of
  // the answer through Object.fromEntries, so "__proto__" or "toString" is a group like any other.
  type SchoolReport = Distribution["schools"][string];
  const schools = new Map<string, SchoolReport>();
  const districts = new Map<string, Distribution["districts"][string]>();
  const small = `fewer than ${minReport} rated educators`;
  for (const [school, { district }] of [...bySchool].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) schools.set(school, { district });
  for (const district of [...byDistrict.keys()].sort()) {
    const roles: Distribution["districts"][string] = {};
    districts.set(district, roles);
    for (const role of ROLES) {
      const districtTally = byDistrict.get(district)!.get(role);
      if (!districtTally) continue;
      const groups = [...schools]
        .filter(([, s]) => s.district === district)
        .flatMap(([school]) => {
          const tally = bySchool.get(school)!.tallies.get(role);
          return tally ? [{ school, tally }] : [];
        });
      const suppressed = new Set(groups.filter((g) => sum(g.tally) < minReport).map((g) => g.school));
      const districtHidden = sum(districtTally) < minReport;
      // One suppressed school in a shown district could be recovered by subtraction: hide the
      // smallest other one too. (A district whose only school is small is itself small, so hidden.)
      if (suppressed.size === 1 && !districtHidden) {
        const others = groups.filter((g) => !suppressed.has(g.school)).sort((a, b) => sum(a.tally) - sum(b.tally) || (a.school < b.school ? -1 : 1));
        suppressed.add(others[0]!.school);
      }
      for (const g of groups) {
        schools.get(g.school)![role] = !suppressed.has(g.school)
          ? shown(g.tally)
          : sum(g.tally) < minReport
            ? hidden(small)
            : hidden("complementary suppression: protects a smaller group in the same district");
      }
      roles[role] = districtHidden ? hidden(small) : shown(districtTally);
    }
  }
  return { districts: Object.fromEntries(districts), schools: Object.fromEntries(schools) };
}
