// What the sheets of a scoring run are made from. The response alone is not enough: it carries each
// group's levels but not its values, and neither the targets nor the SpEd reference the values are
// measured against. Both doors check the request before they score (every problem with its cell),
// so they hold the schools as sent and the merged config; the config is used only when its hash
// is the response's, i.e. when it is provably the config the engine scored with (an API at another
// default would otherwise put the wrong targets beside its results).
import { configHash } from "../contract/config.js";
import type { Config, School, ScoreRequest } from "../contract/requests.js";
import type { ScoreResponse } from "../contract/responses.js";

export interface ScoredRun {
  response: ScoreResponse;
  /** The schools as sent, by id: the groups' values. */
  schools: ReadonlyMap<string, School>;
  /** The merged config the engine scored with, or null when this copy cannot vouch for it. */
  config: Config | null;
}

/** The run of a checked request (parseScoreRequest's value) and the engine's answer to it. */
export async function scoredRun(response: ScoreResponse, checked: { request: ScoreRequest; config: Config }): Promise<ScoredRun> {
  const same = (await configHash(checked.config)) === response.configHash;
  return {
    response,
    schools: new Map(checked.request.schools.map((school) => [school.id, school])),
    config: same ? checked.config : null,
  };
}
