// Checks requests and the Worker's answers against the OpenAPI document it serves, with real
// validators rather than this project's own reading of it: @seriousme/openapi-schema-validator
// checks the document against the official OpenAPI 3.1 schema and resolves its $refs, and Ajv's
// JSON Schema 2020-12 validator (the dialect OpenAPI 3.1 uses) checks every body against the schema
// the document gives for its route, status and media type. This file only finds the route, the
// status and the media type in the document, as any OpenAPI router does; it judges nothing itself.
//
// An exchange conforms when: a path the document lacks answers 404 and a method it lacks for a
// listed path answers 405 with Allow listing the document's methods, both as Problem; otherwise the
// status is one the operation lists, the media type one that status lists, the body valid against
// its schema, each required header there; and a 2xx only ever answers a request the document
// accepts (its media type, its body schema, its security).
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

interface MediaType {
  schema?: object;
}
interface ResponseSpec {
  content?: Record<string, MediaType>;
  headers?: Record<string, { required?: boolean; schema?: object }>;
}
interface OperationSpec {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseSpec>;
}
export interface Document {
  paths: Record<string, Record<string, OperationSpec>>;
  components?: { schemas?: Record<string, object> };
}

export interface Exchange {
  method: string;
  path: string;
  request: { headers: Record<string, string>; body?: string };
  response: { status: number; headers: Headers; text: string };
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const mediaTypeOf = (header: string | null | undefined) => (header ?? "").split(";")[0]!.trim().toLowerCase();
const isJson = (mediaType: string) => /^application\/(?:[\w.+-]+\+)?json$/.test(mediaType);

export class Contract {
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  private constructor(
    readonly document: Document,
    private readonly ajv: Ajv2020,
  ) {}

  /** Validates the document itself, then prepares to check exchanges against it. */
  static async of(document: unknown): Promise<Contract> {
    const validator = new Validator();
    const result = await validator.validate(document as Record<string, unknown>);
    if (!result.valid) throw new Error(`not a valid OpenAPI ${validator.version} document: ${JSON.stringify(result.errors).slice(0, 3000)}`);
    // Strict, so a keyword Ajv does not know fails loudly; the OpenAPI 3.1 dialect adds these four.
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addVocabulary(["discriminator", "xml", "externalDocs", "example"]);
    return new Contract(validator.resolveRefs() as unknown as Document, ajv);
  }

  /** The operation for a method and path, or the status a server must answer for a route the document lacks. */
  route(method: string, path: string): { operation: OperationSpec } | { status: 404 } | { status: 405; allow: string[] } {
    const item = this.document.paths[path];
    if (item === undefined) return { status: 404 };
    const operation = item[method.toLowerCase()];
    if (operation !== undefined) return { operation };
    return { status: 405, allow: Object.keys(item).filter((m) => METHODS.includes(m)) };
  }

  /** Every way the request departs from what the document accepts for its operation; empty when it conforms. */
  requestProblems(method: string, path: string, request: Exchange["request"]): string[] {
    const route = this.route(method, path);
    if (!("operation" in route)) return [`${method} ${path} is not an operation of the document`];
    const { requestBody, security } = route.operation;
    const problems: string[] = [];
    if ((security ?? []).some((requirement) => Object.keys(requirement).length > 0) && !/^Bearer +\S+$/i.test(request.headers.authorization ?? "")) {
      problems.push("the operation needs a bearer key and the request has none");
    }
    if (requestBody === undefined) return problems;
    const mediaType = mediaTypeOf(request.headers["content-type"]);
    const spec = requestBody.content[mediaType];
    if (spec === undefined) return [...problems, `request media type "${mediaType}" is not one of ${Object.keys(requestBody.content).join(", ")}`];
    return [...problems, ...this.bodyProblems("request body", spec, mediaType, request.body ?? "")];
  }

  /** Every way the exchange departs from the document; empty when it conforms. */
  check(exchange: Exchange): string[] {
    const { method, path, response } = exchange;
    const at = `${method} ${path} → ${response.status}`;
    const route = this.route(method, path);
    if (!("operation" in route)) return this.unroutedProblems(at, route, response);
    const { operation } = route;
    const problems: string[] = [];
    if (response.status >= 200 && response.status < 300) {
      problems.push(...this.requestProblems(method, path, exchange.request).map((p) => `${at}: the server accepted a request the document rejects: ${p}`));
    }
    const spec = operation.responses[String(response.status)] ?? operation.responses[`${String(response.status)[0]}XX`] ?? operation.responses.default;
    if (spec === undefined) return [...problems, `${at}: status not documented (documented: ${Object.keys(operation.responses).join(", ")})`];
    for (const [name, header] of Object.entries(spec.headers ?? {})) {
      const value = response.headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`${at}: required header ${name} is missing`);
      } else if (header.schema && !this.validator(header.schema)(value)) problems.push(`${at}: header ${name} does not match its schema`);
    }
    const mediaType = mediaTypeOf(response.headers.get("content-type"));
    if (spec.content === undefined) return response.text === "" ? problems : [...problems, `${at}: a body where the document has none`];
    const content = spec.content[mediaType];
    if (content === undefined) return [...problems, `${at}: media type "${mediaType}" not documented (documented: ${Object.keys(spec.content).join(", ")})`];
    return [...problems, ...this.bodyProblems(`${at} body`, content, mediaType, response.text).map((p) => `${at}: ${p}`)];
  }

  /** A 404 or 405 answer: the status the document implies, Allow for 405, and the Problem schema. */
  private unroutedProblems(at: string, route: { status: 404 } | { status: 405; allow: string[] }, response: Exchange["response"]): string[] {
    const problems: string[] = [];
    if (response.status !== route.status)
      problems.push(`${at}: the document has no such ${route.status === 404 ? "path" : "method"}, so ${route.status} was due`);
    if ("allow" in route) {
      const allow = (response.headers.get("allow") ?? "").split(",").map((m) => m.trim().toLowerCase());
      if (allow.sort().join() !== [...route.allow].sort().join())
        problems.push(`${at}: Allow "${response.headers.get("allow")}" is not the document's ${route.allow}`);
    }
    const problemSchema = this.document.components?.schemas?.Problem;
    if (problemSchema === undefined) return [...problems, "the document has no Problem schema for 404 and 405"];
    const mediaType = mediaTypeOf(response.headers.get("content-type"));
    if (mediaType !== "application/problem+json") return [...problems, `${at}: media type "${mediaType}", not application/problem+json`];
    return [...problems, ...this.bodyProblems("body", { schema: problemSchema }, mediaType, response.text).map((p) => `${at}: ${p}`)];
  }

  private bodyProblems(what: string, spec: MediaType, mediaType: string, text: string): string[] {
    if (spec.schema === undefined) return [];
    let value: unknown = text;
    if (isJson(mediaType)) {
      try {
        value = JSON.parse(text);
      } catch {
        return [`${what} is not JSON`];
      }
    }
    const validate = this.validator(spec.schema);
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${what}${e.instancePath} ${e.message}`);
  }

  private validator(schema: object): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (validate === undefined) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    return validate;
  }
}
