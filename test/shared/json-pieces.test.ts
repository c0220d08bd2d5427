// A response written a piece at a time must be, byte for byte, JSON.stringify of the whole response.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { School } from "../../shared/contract/requests.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { jsonPieces, LazyList, whole } from "../../shared/schools/json-pieces.js";
import { parseScenariosRequest, runScenarios, runScenariosJson } from "../../shared/schools/scenarios.js";
import { parseScoreRequest, scoreRequest, scoreRequestJson, scoreResponse, scoreSchools } from "../../shared/schools/score.js";
import { school } from "./arbitraries.js";

const join = (pieces: Iterable<string>) => [...pieces].join("");

describe("jsonPieces", () => {
  it("writes what JSON.stringify writes, a lazy list's items one piece each", () => {
    const list = new LazyList(3, (i) => ({ i, name: `é${i}"\u2028` }));
    const object = { a: 1, skip: undefined, f: () => 1, list, empty: new LazyList(0, () => 0), nested: { x: [1, null, "y"] }, z: null };
    expect(join(jsonPieces(object))).toBe(JSON.stringify(whole(object)));
    expect([...jsonPieces({ list })]).toHaveLength(6); // `{"list":[`, three items, "]", "}"
    expect(join(jsonPieces({}))).toBe("{}");
    expect(join(jsonPieces({ only: undefined }))).toBe("{}");
  });

  it("keeps the fields' order when a list is made whole", () => {
    expect(Object.keys(whole({ a: 1, list: new LazyList(1, () => 2), b: 3 }))).toEqual(["a", "list", "b"]);
  });
});

describe("the score and scenario answers in pieces", () => {
  it("are the bytes of the whole answer, for any valid request", async () => {
    const schools = fc.integer({ min: 0, max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => school(`S${i}`))));
    await fc.assert(
      fc.asyncProperty(schools, fc.constantFrom(2014, undefined), async (list: School[], year) => {
        const body = JSON.parse(JSON.stringify({ year, schools: list }));
        const parsed = parseScoreRequest(body);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
        const { request, config } = parsed.value;
        expect(join(jsonPieces(await scoreResponse(request, config)))).toBe(JSON.stringify(await scoreSchools(request, config)));
      }),
      { numRuns: 60 },
    );
  });

  it("are the bytes of the whole answer for a consortium, and problems come back the same", async () => {
    const body = generateConsortium({ schools: 300, seed: 7, year: 2014 });
    const pieces = await scoreRequestJson(body);
    const value = await scoreRequest(body);
    if (!pieces.ok || !value.ok) throw new Error("the consortium was rejected");
    expect(join(pieces.value)).toBe(JSON.stringify(value.value));

    const sweep = {
      ...body,
      scenarios: [{ name: "base" }, { name: "minN 11", config: { minN: 11 } }, { name: "focus", config: { designation: { focusShare: 0.2 } } }],
    };
    expect(parseScenariosRequest(sweep).ok).toBe(true);
    const scenarioPieces = await runScenariosJson(sweep);
    const scenarioValue = await runScenarios(sweep);
    if (!scenarioPieces.ok || !scenarioValue.ok) throw new Error("the sweep was rejected");
    expect(join(scenarioPieces.value)).toBe(JSON.stringify(scenarioValue.value));

    const bad = { schools: [{ id: "A" }] };
    expect(await scoreRequestJson(bad)).toEqual(await scoreRequest(bad));
  });
});
