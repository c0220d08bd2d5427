// The answers' exact bytes, fingerprinted. Speed and memory work must leave every byte of every
// answer as it was (issue "Statewide inside the Worker's 128 MB…", target 5); the other tests check
// values and shapes, this one the bytes themselves, through the Worker as deployed (workerd, the
// streamed answer). A request with prior years, accented and non-Latin names and three scenarios.
// When a change to the answer is intended (a new field, a methodology version), update the
// fingerprints below in the same commit and say why there.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { generateConsortium } from "../../shared/samples/consortium.js";

/** SHA-256 of each answer, taken before the flat-string and piece-by-piece streaming changes (which left them as they were). The request comes from generateConsortium, so a change to the sample generator moves them too. */
const FINGERPRINTS = {
  score: "241c532791ce5c7402ea78460883381778fc66e17db96ed7b4b616db13294c52",
  scenarios: "4c0fcdd720e2a42f697521b505680d6d9fd4c6bf80194f88b053c80fa0e3d86b",
};

function request() {
  const body = generateConsortium({ schools: 400, seed: 5, year: 2014, priors: "most" });
  body.schools.forEach((school, i) => {
    if (i % 7 === 0) school.name = `César Chávez «${i}» 学校`;
  });
  return body;
}

async function fingerprint(path: string, body: unknown): Promise<{ status: number; sha256: string }> {
  const response = await SELF.fetch(`https://api.test${path}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.arrayBuffer()));
  return { status: response.status, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("") };
}

describe("the answers' bytes", () => {
  it("POST /v1/score answers the fingerprinted bytes", async () => {
    expect(await fingerprint("/v1/score", request())).toEqual({ status: 200, sha256: FINGERPRINTS.score });
  });

  it("POST /v1/scenarios answers the fingerprinted bytes", async () => {
    const scenarios = [
      { name: "base" },
      { name: "academic only", config: { domainWeights: { academic: 1, secc: 0 } } },
      { name: "minN 30", config: { minN: 30 } },
    ];
    expect(await fingerprint("/v1/scenarios", { ...request(), scenarios })).toEqual({ status: 200, sha256: FINGERPRINTS.scenarios });
  });
});
