/**
 * Tests of the `revbook lint` report formats (generator/report): exact output for json,
 * github and junit, structure for sarif and gitlab, alignment and summary for stylish,
 * and `--path-prefix` in every format.
 */
import { strict as assert } from "node:assert";
import type { Diagnostic } from "../core/diagnostic.js";
import type { RuleMeta } from "../core/rules/meta.js";
import { fingerprint } from "../generator/report/fingerprint.js";
import { escapeGithubData, escapeGithubProperty } from "../generator/report/github.js";
import type { GitlabIssue } from "../generator/report/gitlab.js";
import { formatReport, REPORT_FORMATS, type ReportInput, summaryLine } from "../generator/report/index.js";
import type { JsonDiagnostic } from "../generator/report/json.js";
import { reportPathMapper } from "../generator/report/paths.js";
import type { SarifLog } from "../generator/report/sarif.js";
import { escapeXmlAttribute, escapeXmlText } from "../generator/report/xml.js";

function range(line: number, column: number, endLine: number, endColumn: number): Diagnostic["range"] {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

function meta(id: string, severity: RuleMeta["severity"], description: string): RuleMeta {
  return { id, severity, description, docs: `docs/rules/${id}.md`, fixable: false };
}

const RULES: RuleMeta[] = [
  meta("schema", "error", "documents match the JSON Schema of their kind"),
  meta("unresolved-reference", "error", "every reference names something"),
  meta("stage-exit-criteria", "warn", "non-terminal stages have exitCriteria"),
  meta("stage-owner", "warn", "stages have an owner"),
  meta("doc-owner", "info", "process docs have an owner"),
];

/** An error with suggestion, fix and related location. */
const UNRESOLVED: Diagnostic = {
  rule: "unresolved-reference",
  severity: "error",
  message: "unknown stage `mlq`",
  file: "definitions/triggers.yaml",
  range: range(3, 12, 3, 15),
  suggestion: "did you mean `mql`?",
  fix: { range: range(3, 12, 3, 15), text: "mql" },
  related: [
    { file: "definitions/stages.yaml", range: range(1, 4, 1, 7), message: "stage `mql` is defined here" },
  ],
};
const OWNER: Diagnostic = {
  rule: "stage-owner",
  severity: "warn",
  message: "stage `mql` has no owner",
  file: "definitions/stages.yaml",
  range: range(0, 4, 0, 7),
};
const DOC_OWNER: Diagnostic = {
  rule: "doc-owner",
  severity: "info",
  message: "process doc has no owner",
  file: "docs/process.md",
  range: range(0, 0, 0, 3),
};
/** Two diagnostics with one rule, file and message, on different lines. */
const EXIT_A: Diagnostic = {
  rule: "stage-exit-criteria",
  severity: "warn",
  message: "stage has no exitCriteria",
  file: "definitions/stages.yaml",
  range: range(5, 4, 5, 9),
};
const EXIT_B: Diagnostic = { ...EXIT_A, range: range(9, 4, 9, 9) };
/** Characters every format must escape. */
const ODD: Diagnostic = {
  rule: "schema",
  severity: "error",
  message: `value "a<b" & 'c' is not allowed`,
  file: "definitions/odd.yaml",
  range: range(2, 2, 2, 5),
};

const FILES = [
  "definitions/stages.yaml",
  "definitions/triggers.yaml",
  "definitions/odd.yaml",
  "docs/process.md",
  "docs/clean.md",
];

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    // Deliberately out of order: every format sorts.
    diagnostics: [DOC_OWNER, UNRESOLVED, EXIT_B, OWNER, ODD, EXIT_A],
    files: FILES,
    rules: RULES,
    toolVersion: "1.2.3",
    ...overrides,
  };
}

function shifted(d: Diagnostic, by: number): Diagnostic {
  const move = (r: Diagnostic["range"]) =>
    range(r.start.line + by, r.start.column, r.end.line + by, r.end.column);
  return { ...d, range: move(d.range) };
}

describe("report formats", () => {
  it("lists the six formats", () => {
    assert.deepEqual([...REPORT_FORMATS], ["stylish", "json", "sarif", "junit", "gitlab", "github"]);
  });

  describe("paths", () => {
    it("joins the prefix with one slash and drops './' and leading '/'", () => {
      assert.equal(reportPathMapper(undefined)("a/b.yaml"), "a/b.yaml");
      assert.equal(reportPathMapper("")("a/b.yaml"), "a/b.yaml");
      assert.equal(reportPathMapper("revops")("a/b.yaml"), "revops/a/b.yaml");
      assert.equal(reportPathMapper("./revops/")("./a//b.yaml"), "revops/a/b.yaml");
      assert.equal(reportPathMapper("/sub//revops/")("a/b.yaml"), "sub/revops/a/b.yaml");
      assert.equal(reportPathMapper("sub\\revops")("a.yaml"), "sub/revops/a.yaml");
      assert.equal(reportPathMapper(".")("a.yaml"), "a.yaml");
    });
  });

  describe("json", () => {
    it("prints the CLI.md shape, sorted, 1-based, with optional fields only where present", () => {
      const text = formatReport("json", input());
      assert.ok(text.endsWith("]\n"));
      assert.ok(text.startsWith('[\n  {\n    "rule": "schema",'));
      const expected: JsonDiagnostic[] = [
        {
          rule: "schema",
          severity: "error",
          message: `value "a<b" & 'c' is not allowed`,
          file: "definitions/odd.yaml",
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 6,
        },
        {
          rule: "stage-owner",
          severity: "warn",
          message: "stage `mql` has no owner",
          file: "definitions/stages.yaml",
          line: 1,
          column: 5,
          endLine: 1,
          endColumn: 8,
        },
        {
          rule: "stage-exit-criteria",
          severity: "warn",
          message: "stage has no exitCriteria",
          file: "definitions/stages.yaml",
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 10,
        },
        {
          rule: "stage-exit-criteria",
          severity: "warn",
          message: "stage has no exitCriteria",
          file: "definitions/stages.yaml",
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 10,
        },
        {
          rule: "unresolved-reference",
          severity: "error",
          message: "unknown stage `mlq`",
          file: "definitions/triggers.yaml",
          line: 4,
          column: 13,
          endLine: 4,
          endColumn: 16,
          suggestion: "did you mean `mql`?",
          fix: { line: 4, column: 13, endLine: 4, endColumn: 16, text: "mql" },
          related: [
            { file: "definitions/stages.yaml", line: 2, column: 5, message: "stage `mql` is defined here" },
          ],
        },
        {
          rule: "doc-owner",
          severity: "info",
          message: "process doc has no owner",
          file: "docs/process.md",
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 4,
        },
      ];
      assert.deepEqual(JSON.parse(text), expected);
      // Key order follows CLI.md.
      assert.deepEqual(Object.keys((JSON.parse(text) as JsonDiagnostic[])[4] ?? {}), [
        "rule",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "endLine",
        "endColumn",
        "suggestion",
        "fix",
        "related",
      ]);
    });

    it("prints an empty array when there is nothing to report", () => {
      assert.equal(formatReport("json", input({ diagnostics: [] })), "[]\n");
    });
  });

  describe("github", () => {
    it("prints one workflow command per diagnostic", () => {
      assert.equal(
        formatReport("github", input()),
        [
          `::error file=definitions/odd.yaml,line=3,col=3,endLine=3,endColumn=6,title=schema::value "a<b" & 'c' is not allowed`,
          "::warning file=definitions/stages.yaml,line=1,col=5,endLine=1,endColumn=8,title=stage-owner::stage `mql` has no owner",
          "::warning file=definitions/stages.yaml,line=6,col=5,endLine=6,endColumn=10,title=stage-exit-criteria::stage has no exitCriteria",
          "::warning file=definitions/stages.yaml,line=10,col=5,endLine=10,endColumn=10,title=stage-exit-criteria::stage has no exitCriteria",
          "::error file=definitions/triggers.yaml,line=4,col=13,endLine=4,endColumn=16,title=unresolved-reference::unknown stage `mlq` (did you mean `mql`?)",
          "::notice file=docs/process.md,line=1,col=1,endLine=1,endColumn=4,title=doc-owner::process doc has no owner",
          "",
        ].join("\n"),
      );
    });

    it("escapes data and properties", () => {
      assert.equal(escapeGithubData("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
      assert.equal(escapeGithubProperty("a:b,c%d\n"), "a%3Ab%2Cc%25d%0A");
      const d: Diagnostic = { ...OWNER, file: "we:ird,dir/x.yaml", message: "50% of\nstages" };
      assert.equal(
        formatReport("github", input({ diagnostics: [d] })),
        "::warning file=we%3Aird%2Cdir/x.yaml,line=1,col=5,endLine=1,endColumn=8,title=stage-owner::50%25 of%0Astages\n",
      );
    });

    it("prints nothing when there is nothing to report", () => {
      assert.equal(formatReport("github", input({ diagnostics: [] })), "");
    });
  });

  describe("junit", () => {
    it("prints one testcase per file, errors as failures and the rest as system-out", () => {
      assert.equal(
        formatReport("junit", input()),
        [
          `<?xml version="1.0" encoding="UTF-8"?>`,
          `<testsuites name="revbook" tests="5" failures="2" errors="0">`,
          `  <testsuite name="revbook lint" tests="5" failures="2" errors="0" skipped="0">`,
          `    <testcase name="definitions/odd.yaml" classname="revbook.lint">`,
          `      <failure message="value &quot;a&lt;b&quot; &amp; &apos;c&apos; is not allowed" type="schema">3:3 schema value "a&lt;b" &amp; 'c' is not allowed</failure>`,
          `    </testcase>`,
          `    <testcase name="definitions/stages.yaml" classname="revbook.lint">`,
          `      <system-out>1:5 warning stage-owner stage \`mql\` has no owner`,
          `6:5 warning stage-exit-criteria stage has no exitCriteria`,
          `10:5 warning stage-exit-criteria stage has no exitCriteria`,
          `</system-out>`,
          `    </testcase>`,
          `    <testcase name="definitions/triggers.yaml" classname="revbook.lint">`,
          `      <failure message="unknown stage \`mlq\` (did you mean \`mql\`?)" type="unresolved-reference">4:13 unresolved-reference unknown stage \`mlq\` (did you mean \`mql\`?)</failure>`,
          `    </testcase>`,
          `    <testcase name="docs/clean.md" classname="revbook.lint"/>`,
          `    <testcase name="docs/process.md" classname="revbook.lint">`,
          `      <system-out>1:1 info doc-owner process doc has no owner`,
          `</system-out>`,
          `    </testcase>`,
          `  </testsuite>`,
          `</testsuites>`,
          ``,
        ].join("\n"),
      );
    });

    it("gives one failure element per error and a testcase to files missing from the list", () => {
      const second: Diagnostic = { ...ODD, range: range(7, 0, 7, 1), message: "second" };
      const config: Diagnostic = { ...ODD, file: "revbook.yaml", message: "bad" };
      const xml = formatReport(
        "junit",
        input({ diagnostics: [ODD, second, config], files: ["definitions/odd.yaml"] }),
      );
      assert.equal(xml.match(/<failure /g)?.length, 3);
      assert.match(xml, /<testsuites name="revbook" tests="2" failures="2" errors="0">/);
      assert.match(xml, /<testcase name="revbook.yaml" classname="revbook.lint">/);
    });

    it("escapes markup and characters XML 1.0 forbids", () => {
      assert.equal(
        escapeXmlText("a<b>&c\u0000d\u001be\ud800f\ud83d\ude00"),
        "a&lt;b&gt;&amp;c\ufffdd\ufffde\ufffdf\ud83d\ude00",
      );
      assert.equal(escapeXmlAttribute(`"x"\t'y'\n\r`), "&quot;x&quot;&#9;&apos;y&apos;&#10;&#13;");
      const d: Diagnostic = { ...ODD, message: "bell\u0007 and \ufffe" };
      const xml = formatReport("junit", input({ diagnostics: [d], files: [] }));
      assert.ok(xml.includes(`message="bell\ufffd and \ufffd"`));
      // eslint-disable-next-line no-control-regex -- checking that none of them survive
      assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml));
    });
  });

  describe("gitlab", () => {
    it("prints the Code Quality fields with the severity mapping", () => {
      const issues = JSON.parse(formatReport("gitlab", input())) as GitlabIssue[];
      assert.equal(issues.length, 6);
      for (const issue of issues) {
        assert.deepEqual(Object.keys(issue), [
          "description",
          "check_name",
          "fingerprint",
          "severity",
          "location",
        ]);
        assert.match(issue.fingerprint, /^[0-9a-f]{64}$/);
      }
      assert.deepEqual(issues[4], {
        description: "unknown stage `mlq` (did you mean `mql`?)",
        check_name: "unresolved-reference",
        fingerprint: fingerprint(
          "unresolved-reference",
          "definitions/triggers.yaml",
          "unknown stage `mlq`",
          0,
        ),
        severity: "major",
        location: { path: "definitions/triggers.yaml", lines: { begin: 4 } },
      });
      assert.deepEqual(
        issues.map((i) => [i.check_name, i.severity]),
        [
          ["schema", "major"],
          ["stage-owner", "minor"],
          ["stage-exit-criteria", "minor"],
          ["stage-exit-criteria", "minor"],
          ["unresolved-reference", "major"],
          ["doc-owner", "info"],
        ],
      );
    });

    it("gives unique fingerprints that survive shifted lines", () => {
      const before = JSON.parse(formatReport("gitlab", input())) as GitlabIssue[];
      const moved = input().diagnostics.map((d) => shifted(d, 3));
      const after = JSON.parse(formatReport("gitlab", input({ diagnostics: moved }))) as GitlabIssue[];
      assert.equal(new Set(before.map((i) => i.fingerprint)).size, before.length);
      assert.deepEqual(
        after.map((i) => i.fingerprint),
        before.map((i) => i.fingerprint),
      );
      assert.deepEqual(
        after.map((i) => i.location.lines.begin),
        before.map((i) => i.location.lines.begin + 3),
      );
      // The two identical-message diagnostics are told apart by their occurrence index.
      assert.equal(
        before[2]?.fingerprint,
        fingerprint("stage-exit-criteria", "definitions/stages.yaml", "stage has no exitCriteria", 0),
      );
      assert.equal(
        before[3]?.fingerprint,
        fingerprint("stage-exit-criteria", "definitions/stages.yaml", "stage has no exitCriteria", 1),
      );
    });
  });

  describe("sarif", () => {
    const log = JSON.parse(formatReport("sarif", input())) as SarifLog;
    const run = log.runs[0];

    it("is a SARIF 2.1.0 log with one run and every rule", () => {
      assert.equal(log.version, "2.1.0");
      assert.equal(log.$schema, "https://json.schemastore.org/sarif-2.1.0.json");
      assert.equal(log.runs.length, 1);
      assert.ok(run);
      assert.equal(run.tool.driver.name, "revbook");
      assert.equal(run.tool.driver.version, "1.2.3");
      assert.equal(run.columnKind, "utf16CodeUnits");
      assert.deepEqual(run.tool.driver.rules[1], {
        id: "unresolved-reference",
        shortDescription: { text: "every reference names something" },
        helpUri: "https://github.com/revbook/revbook/blob/main/docs/rules/unresolved-reference.md",
        defaultConfiguration: { level: "error" },
      });
      assert.deepEqual(
        run.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level]),
        [
          ["schema", "error"],
          ["unresolved-reference", "error"],
          ["stage-exit-criteria", "warning"],
          ["stage-owner", "warning"],
          ["doc-owner", "note"],
        ],
      );
    });

    it("maps results to rules, levels and 1-based regions", () => {
      assert.ok(run);
      assert.equal(run.results.length, 6);
      for (const result of run.results) {
        assert.equal(run.tool.driver.rules[result.ruleIndex ?? -1]?.id, result.ruleId);
        assert.equal(result.locations[0]?.physicalLocation.artifactLocation.uriBaseId, "%SRCROOT%");
      }
      assert.deepEqual(
        run.results.map((r) => r.level),
        ["error", "warning", "warning", "warning", "error", "note"],
      );
      const unresolved = run.results[4];
      assert.ok(unresolved);
      assert.equal(unresolved.message.text, "unknown stage `mlq` (did you mean `mql`?)");
      assert.deepEqual(unresolved.locations[0]?.physicalLocation, {
        artifactLocation: { uri: "definitions/triggers.yaml", uriBaseId: "%SRCROOT%" },
        region: { startLine: 4, startColumn: 13, endLine: 4, endColumn: 16 },
      });
      assert.deepEqual(unresolved.relatedLocations, [
        {
          id: 0,
          physicalLocation: {
            artifactLocation: { uri: "definitions/stages.yaml", uriBaseId: "%SRCROOT%" },
            region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 8 },
          },
          message: { text: "stage `mql` is defined here" },
        },
      ]);
      assert.deepEqual(unresolved.fixes, [
        {
          description: { text: "did you mean `mql`?" },
          artifactChanges: [
            {
              artifactLocation: { uri: "definitions/triggers.yaml", uriBaseId: "%SRCROOT%" },
              replacements: [
                {
                  deletedRegion: { startLine: 4, startColumn: 13, endLine: 4, endColumn: 16 },
                  insertedContent: { text: "mql" },
                },
              ],
            },
          ],
        },
      ]);
      assert.equal(run.results[0]?.fixes, undefined);
      assert.equal(run.results[0]?.relatedLocations, undefined);
    });

    it("gives every result a unique partial fingerprint, the same as gitlab's", () => {
      assert.ok(run);
      const prints = run.results.map((r) => r.partialFingerprints["revbook/v1"]);
      assert.ok(prints.every((p) => typeof p === "string" && /^[0-9a-f]{64}$/.test(p)));
      assert.equal(new Set(prints).size, prints.length);
      const gitlab = JSON.parse(formatReport("gitlab", input())) as GitlabIssue[];
      assert.deepEqual(
        prints,
        gitlab.map((i) => i.fingerprint),
      );
    });

    it("percent-encodes artifact URIs", () => {
      const d: Diagnostic = { ...OWNER, file: "my docs/a#1.md" };
      const one = JSON.parse(formatReport("sarif", input({ diagnostics: [d] }))) as SarifLog;
      assert.equal(
        one.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri,
        "my%20docs/a%231.md",
      );
    });
  });

  describe("stylish", () => {
    it("groups by file with aligned columns and ends with the summary", () => {
      assert.equal(
        formatReport("stylish", input()),
        [
          "definitions/odd.yaml",
          `  3:3  error  value "a<b" & 'c' is not allowed  schema`,
          "",
          "definitions/stages.yaml",
          "  1:5   warning  stage `mql` has no owner   stage-owner",
          "  6:5   warning  stage has no exitCriteria  stage-exit-criteria",
          "  10:5  warning  stage has no exitCriteria  stage-exit-criteria",
          "",
          "definitions/triggers.yaml",
          "  4:13  error  unknown stage `mlq` (did you mean `mql`?)  unresolved-reference",
          "",
          "docs/process.md",
          "  1:1  info  process doc has no owner  doc-owner",
          "",
          "✖ 6 problems (2 errors, 3 warnings, 1 info)",
          "",
        ].join("\n"),
      );
    });

    it("summarises with singulars and plurals, and says when all is clean", () => {
      assert.equal(summaryLine(input()), "✖ 6 problems (2 errors, 3 warnings, 1 info)");
      assert.equal(
        summaryLine(input({ diagnostics: [UNRESOLVED, OWNER, EXIT_A] })),
        "✖ 3 problems (1 error, 2 warnings, 0 infos)",
      );
      assert.equal(
        summaryLine(input({ diagnostics: [OWNER] })),
        "✖ 1 problem (0 errors, 1 warning, 0 infos)",
      );
      assert.equal(formatReport("stylish", input({ diagnostics: [] })), "✔ no problems in 5 files\n");
      assert.equal(summaryLine(input({ diagnostics: [], files: ["a.yaml"] })), "✔ no problems in 1 file");
    });

    it("adds ANSI colours only when asked, without breaking alignment", () => {
      assert.ok(!formatReport("stylish", input()).includes("\u001b["));
      const coloured = formatReport("stylish", input({ color: true }));
      assert.ok(coloured.includes("\u001b[31m"));
      // eslint-disable-next-line no-control-regex -- stripping ANSI escape codes
      const stripped = coloured.replace(/\u001b\[\d+m/g, "");
      assert.equal(stripped, formatReport("stylish", input()));
    });
  });

  describe("--path-prefix", () => {
    const prefixed = input({ pathPrefix: "./revops/" });

    it("applies to json (including related paths)", () => {
      const json = JSON.parse(formatReport("json", prefixed)) as JsonDiagnostic[];
      assert.deepEqual(
        json.map((d) => d.file),
        [
          "revops/definitions/odd.yaml",
          "revops/definitions/stages.yaml",
          "revops/definitions/stages.yaml",
          "revops/definitions/stages.yaml",
          "revops/definitions/triggers.yaml",
          "revops/docs/process.md",
        ],
      );
      assert.equal(json[4]?.related?.[0]?.file, "revops/definitions/stages.yaml");
    });

    it("applies to sarif, gitlab, github, junit and stylish", () => {
      const sarif = JSON.parse(formatReport("sarif", prefixed)) as SarifLog;
      const result = sarif.runs[0]?.results[4];
      assert.equal(
        result?.locations[0]?.physicalLocation.artifactLocation.uri,
        "revops/definitions/triggers.yaml",
      );
      assert.equal(
        result?.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri,
        "revops/definitions/stages.yaml",
      );
      assert.equal(
        result?.fixes?.[0]?.artifactChanges[0]?.artifactLocation.uri,
        "revops/definitions/triggers.yaml",
      );

      const gitlab = JSON.parse(formatReport("gitlab", prefixed)) as GitlabIssue[];
      assert.ok(gitlab.every((i) => i.location.path.startsWith("revops/")));
      // The fingerprint hashes the printed path.
      assert.equal(
        gitlab[4]?.fingerprint,
        fingerprint("unresolved-reference", "revops/definitions/triggers.yaml", "unknown stage `mlq`", 0),
      );

      const github = formatReport("github", prefixed).trimEnd().split("\n");
      assert.equal(github.length, 6);
      assert.ok(github.every((line) => /^::\w+ file=revops\//.test(line)));

      const junit = formatReport("junit", prefixed);
      assert.equal(junit.match(/<testcase name="revops\//g)?.length, 5);
      assert.ok(!junit.includes('<testcase name="definitions'));

      const stylish = formatReport("stylish", prefixed);
      assert.ok(stylish.startsWith("revops/definitions/odd.yaml\n"));
      assert.ok(stylish.includes("\nrevops/docs/process.md\n"));
    });
  });
});
