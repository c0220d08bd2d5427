// The school data report (api.md "Workbook contract › Outputs", the waiver's report for a Priority or
// Focus school, usable for any school): per school, host-neutral, everything a page or a sheet shows
// — the designation and its reasons in plain words, the index, domains and every indicator with the
// values the next three levels need, each student group against the targets, the partner, the
// distance to exit, and the change since the prior year (school-report-change.ts). The HTML pages
// (scripts/cli) and the SQII School Report sheet (addin) draw this model and decide nothing. Public
// reports blank every group under `suppressBelow` here, so no renderer can show what must not be
// published.
import type { Config, School } from "../contract/requests.js";
import type { SchoolResult } from "../contract/responses.js";
import { DESIGNATION_TYPES, type DesignationType, INDICATOR_INFO, INDICATORS, SUBGROUP_NAMES, SUBGROUPS, type Subgroup } from "../core/model.js";
import { roundHalfAway } from "../core/numbers.js";
import { exitDistance, indexGains, type PoolView, poolView } from "../schools/exit-distance.js";
import { bandOf } from "../schools/levels.js";
import { FIELD_LABELS } from "../tables/school-columns.js";
import { codeLabel } from "./report.js";
import { changeSection, performanceLine } from "./school-report-change.js";
import type { GroupLine, IndicatorLine, ReportOptions, ReportSource, SchoolReport, TargetCell } from "./school-report-model.js";
import { designationText, exitSection, flagLabel, type PartnersOf, partnerLines, partnersOf, valueNeeded } from "./school-report-text.js";

const TARGETED = ["ela", "math", "grad"] as const;
const TARGET_LABELS = { ela: "ELA", math: "Math", grad: "Graduation" } as const;
const DOMAIN_LABELS = { academic: "Academic", secc: "Social-emotional & culture-climate" } as const;

/** Reports for every school of a response (or those named), in response order; one pool ranking serves all. */
export function schoolReports(source: ReportSource, options: ReportOptions = {}, ids?: readonly string[]): SchoolReport[] {
  const { results, year } = source.response;
  const shared: Shared = {
    view: poolView(results, source.config, year ?? undefined),
    names: new Map(results.map((r) => [r.id, r.name])),
    partners: partnersOf(source.response.partnerships),
  };
  const wanted = ids ? new Set(ids) : null;
  return source.response.results.flatMap((result, i) =>
    wanted && !wanted.has(result.id) ? [] : [buildReport(source, shared, result, source.schools[i]!, options)],
  );
}

/** The report of one school, by id; null when the response has no such school. */
export function schoolReport(source: ReportSource, id: string, options: ReportOptions = {}): SchoolReport | null {
  return schoolReports(source, options, [id])[0] ?? null;
}

/** What every school's report shares: the pool ranked once, and the names partners are shown by. */
interface Shared {
  view: PoolView;
  names: ReadonlyMap<string, string | null>;
  partners: PartnersOf;
}

function buildReport(source: ReportSource, { view, names, partners }: Shared, result: SchoolResult, school: School, options: ReportOptions): SchoolReport {
  const { response, config } = source;
  const isPublic = options.public === true;
  const hidden = (n: number) => isPublic && n < config.suppressBelow;
  const withheld = hidden(result.subgroups.ALL?.n ?? 0) ? `fewer than ${config.suppressBelow} students: results not published` : null;
  // §13 in public: the prior year's results are published only if its ALL group was large enough
  // too, and a group's change only if it was large enough in both years.
  const priorHidden = (code: Subgroup) => {
    const n = school.prior?.subgroups[code]?.n;
    return n !== undefined && hidden(n);
  };
  const priorWithheld = !withheld && priorHidden("ALL") ? `fewer than ${config.suppressBelow} students in the prior year: its results are not published` : null;
  const distance = exitDistance(view, result, school);
  const indicators = withheld
    ? []
    : indicatorLines(result, config).map((line) => (priorWithheld ? { ...line, prior: null, change: null, performance: null } : line));
  const groups = groupLines(result, school, config, hidden, priorHidden);
  const worded = designationText({ result, school, view, groups, config });
  // A withheld school's reasons would quote its index or graduation rate: the few words of the basis stay.
  const designation = withheld ? { ...worded, reasons: [] } : worded;
  return {
    id: result.id,
    title: result.name ?? result.id,
    name: result.name,
    district: result.district,
    level: codeLabel(result.level),
    title1: codeLabel(result.title1),
    run: { year: response.year, methodologyVersion: response.methodologyVersion, configHash: response.configHash },
    scored: result.status === "scored",
    statusNotes: result.reasons.map((r) => r.message),
    designation,
    index:
      result.index && !withheld
        ? {
            ...result.index,
            priorScore: priorWithheld ? null : (result.index.priorScore ?? null),
            change: priorWithheld ? null : (result.index.change ?? null),
            bandLabel: codeLabel(result.index.band),
          }
        : null,
    domains: withheld
      ? []
      : (["academic", "secc"] as const).flatMap((d) => {
          const domain = result.domains[d];
          return domain ? [{ label: DOMAIN_LABELS[d], weight: domain.weight, meanLevel: domain.meanLevel }] : [];
        }),
    indicators,
    targets: TARGETED.flatMap((code) => {
      const target = config.targets[code];
      return target !== undefined && config.indicatorWeights[result.level][code] !== undefined ? [{ code, label: TARGET_LABELS[code], target }] : [];
    }),
    groups: withheld ? groups.filter((g) => g.code === "ALL") : groups,
    partner: partnerLines(result, partners, names, config),
    exit: withheld
      ? { short: null, lines: [withheld], steps: [], stepsGain: null, stepsNote: null, pointsNeeded: null, gapGroups: [], notes: [] }
      : exitSection(result, school, view, distance, indicators, groups, config),
    change: changeSection({ result, prior: school.prior, year: response.year ?? null, indicators, withheld: withheld ?? priorWithheld }),
    public: isPublic,
    suppressBelow: config.suppressBelow,
    withheld,
  };
}

function indicatorLines(result: SchoolResult, config: Config): IndicatorLine[] {
  const gains = indexGains(result, config);
  const domainWeight = (result.domains.academic?.weight ?? 0) + (result.domains.secc?.weight ?? 0);
  return INDICATORS.flatMap((code): IndicatorLine[] => {
    const item = result.indicators[code];
    if (!item) return [];
    const value = item.value;
    const next = item.changeNeeded.map((change) =>
      value === null || change === null ? null : valueNeeded(code, value, change, config),
    ) as IndicatorLine["next"];
    return [
      {
        code,
        name: INDICATOR_INFO[code].name,
        short: FIELD_LABELS[code],
        domain: DOMAIN_LABELS[INDICATOR_INFO[code].domain],
        value,
        allLevel: item.allLevel,
        groupLevel: item.subgroupLevel,
        level: item.level,
        band: item.band,
        weight: item.weight,
        share: domainWeight === 0 ? 0 : roundHalfAway(item.weight / domainWeight, 6),
        points: item.points,
        next,
        gain: gains[code] ?? null,
        missing: item.missing === "noValue" ? "no value" : item.missing === "belowMinN" ? `fewer than ${config.minN} students` : null,
        prior: item.prior ?? null,
        change: item.change ?? null,
        performance: performanceLine(item.performance),
      },
    ];
  });
}

function groupLines(
  result: SchoolResult,
  school: School,
  config: Config,
  hidden: (n: number) => boolean,
  priorHidden: (code: Subgroup) => boolean,
): GroupLine[] {
  const applies = config.indicatorWeights[result.level];
  const lines = SUBGROUPS.flatMap((code): GroupLine[] => {
    const report = result.subgroups[code];
    const values = school.subgroups[code];
    if (!report || !values) return [];
    const base = { code, name: SUBGROUP_NAMES[code], accountable: report.accountable };
    if (hidden(report.n)) {
      return [
        {
          ...base,
          n: null,
          suppressed: true,
          note: `fewer than ${config.suppressBelow} students`,
          academicLevel: null,
          academicChange: null,
          targets: [],
          results: {},
          flags: [],
        },
      ];
    }
    const results: GroupLine["results"] = {};
    for (const indicator of INDICATORS) {
      const value = values[indicator];
      if (value == null || applies[indicator] === undefined || INDICATOR_INFO[indicator].schoolOnly) continue;
      const level = report.levels[indicator] ?? null;
      results[indicator] = { value, level, band: level === null ? null : bandOf(level) };
    }
    const targets = report.accountable
      ? TARGETED.flatMap((c): TargetCell[] => {
          const target = config.targets[c];
          if (target === undefined || applies[c] === undefined) return [];
          const value = values[c] ?? null;
          return [{ code: c, value, target, distance: value === null ? null : roundHalfAway(value - target, 6) }];
        })
      : [];
    return [
      {
        ...base,
        n: report.n,
        suppressed: false,
        note: report.accountable ? null : `under the minimum of ${config.minN}: not counted`,
        academicLevel: report.academicLevel,
        academicChange: priorHidden(code) ? null : (report.academicChange ?? null),
        targets,
        results: report.accountable ? results : {},
        flags: report.flags.filter((f) => f !== "suppressed" && f !== "notAccountable" && !f.startsWith("belowTarget:")).map(flagLabel),
      },
    ];
  });
  return [...lines.filter((g) => g.accountable && !g.suppressed), ...lines.filter((g) => !g.accountable || g.suppressed)];
}

/** The index page: every report's school under its designation, Priority first; schools by index within each. */
export function reportIndex(reports: readonly SchoolReport[]): { code: DesignationType; label: string; schools: SchoolReport[] }[] {
  return DESIGNATION_TYPES.map((code) => ({
    code,
    label: code === "none" ? "Not designated" : codeLabel(code),
    schools: reports
      .filter((r) => r.designation.code === code)
      .sort((a, b) => (a.index?.score ?? Infinity) - (b.index?.score ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  }));
}
