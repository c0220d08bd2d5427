// The OpenAPI document passes a standard linter (api.md "Errors"): Redocly CLI's recommended rules
// (redocly.yaml) on both documents the Worker can serve, with and without API keys, with no error
// and no warning. A control run on a document broken the way it used to be shows the linter really
// runs and would catch it.
import { describe, expect, it } from "vitest";
import { describeProblems, lintDocument, lintServedDocuments, servedDocument } from "../../scripts/dev/lint-api.js";

describe("the OpenAPI document under Redocly's recommended rules", () => {
  it("has no errors and no warnings, with API keys and without", async () => {
    const results = await lintServedDocuments();
    expect(results.map((r) => r.file)).toEqual(["tmp/openapi-open.json", "tmp/openapi-keyed.json"]);
    for (const result of results) expect(describeProblems(result), result.file).toEqual([]);
  });

  it("fails a document without servers or operation ids, as the document was before (control)", async () => {
    const document = (await servedDocument({})) as { servers?: unknown; paths: Record<string, Record<string, { operationId?: string }>> };
    delete document.servers;
    delete document.paths["/health"]!.get!.operationId;
    const result = lintDocument("control", document);
    expect(result.errors).toBeGreaterThan(0);
    expect(result.problems.map((p) => p.ruleId).sort()).toEqual(["no-empty-servers", "operation-operationId"]);
  });
});
