/**
 * Sizes (issue 18): the code stays in pieces a reader can hold. Every .ts/.tsx file under server/,
 * client/, shared/, scripts/ and test/ (not node_modules, not test/fixtures) is read with the
 * TypeScript compiler API and held to three limits:
 * - a file has at most 300 lines, test files too;
 * - a function, method, constructor, accessor or arrow function has a body of at most 80 lines.
 *   Not measured as functions: a callback handed to describe/it/test (with .skip, .each(…) and the
 *   like) and a function whose body only calls those (a contract suite): they are tables of test
 *   cases; functions inside them are measured. A function that returns an object literal of
 *   methods is a class written as a closure: like a class body it is measured without those
 *   methods, and each method is measured on its own;
 * - an interface declares at most 15 methods of its own (method, call signatures and properties of
 *   a function type; what it extends counts where that is declared). Fields are data, not a seam: a
 *   record of 30 fields is one row, and is not counted.
 * What must stay larger is in ALLOWED below, each with its reason; an entry no longer needed fails
 * too, so the list only shrinks.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const FOLDERS = ["server", "client", "shared", "scripts", "test"];
const SKIPPED = new Set(["node_modules", "fixtures", "dist", "screenshots"]);
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;
const MAX_INTERFACE_METHODS = 15;

/**
 * What may stay over a limit, and why: `path` for a file, `path#name` for a function (named by its
 * enclosing declarations, `outer > inner`) or an interface.
 */
const ALLOWED: Record<string, string> = {
  // Tables whose members are functions only because of how they are typed: neither is a seam.
  "server/store/redis/keys.ts#RedisKeys": "the key table: one builder per Redis key, kept in one place (STYLE principle 4)",
  "shared/protocol/events.ts#ServerToClientEvents":
    "the protocol's table of broadcasts: one typed line per event, as socket.io's generic takes it (reach.ts holds issue 13's)",
};

/** The source files the limits hold for, relative to the repository root with forward slashes. */
function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) found.push(...sourceFiles(path));
    } else if (/\.tsx?$/.test(entry.name)) {
      found.push(path);
    }
  }
  return found;
}

/** Lines as `wc -l` counts them: a final line without its newline still counts. */
function lineCount(text: string): number {
  const newlines = text.split("\n").length - 1;
  return text.endsWith("\n") || text.length === 0 ? newlines : newlines + 1;
}

const TEST_CALLS = new Set(["describe", "it", "test", "suite"]);

/** The name a call is made by, through `.skip`, `.each(…)` and the like: `describe.each(t)(…)` is describe's. */
function calleeRoot(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return calleeRoot(expression.expression);
  if (ts.isCallExpression(expression)) return calleeRoot(expression.expression);
  return undefined;
}

/** Whether a function is a callback handed to describe/it/test: a table of cases, not a function. */
function isTestCallback(node: ts.Node): boolean {
  const call = node.parent;
  return call !== undefined && isTestCall(call) && call.arguments.includes(node as ts.Expression);
}

/** Whether a call registers tests: describe/it/test, through `.skip`, `.each(…)` and the like. */
function isTestCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const root = calleeRoot(node.expression);
  return root !== undefined && TEST_CALLS.has(root);
}

/** A contract suite: a function whose body does nothing but register tests. */
function onlyRegistersTests(node: Body): boolean {
  const { body } = node;
  if (!ts.isBlock(body) || body.statements.length === 0) return false;
  return body.statements.every((statement) => ts.isExpressionStatement(statement) && isTestCall(statement.expression));
}

/** A declaration's own name, when it has one a reader would look for. */
function ownName(node: ts.Node, source: ts.SourceFile): string | undefined {
  if (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      ts.isInterfaceDeclaration(node) ||
      ts.isVariableDeclaration(node) ||
      ts.isPropertyAssignment(node) ||
      ts.isPropertyDeclaration(node) ||
      ts.isGetAccessor(node) ||
      ts.isSetAccessor(node)) &&
    node.name
  ) {
    return node.name.getText(source);
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  return undefined;
}

/** A function's name for the report: its enclosing names, outermost first, or the line of an anonymous one. */
function qualifiedName(node: ts.Node, source: ts.SourceFile): string {
  const names: string[] = [];
  for (let at: ts.Node | undefined = node; at && !ts.isSourceFile(at); at = at.parent) {
    const name = ownName(at, source);
    if (name !== undefined) names.unshift(name);
  }
  if (names.length > 0 && ownName(node, source) !== undefined) return names.join(" > ");
  // An anonymous function inside a named one: a callback, named for where it is passed.
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  return [...names, `(anonymous, line ${line + 1})`].join(" > ");
}

type Body = ts.FunctionLikeDeclaration & { body: ts.Node };

function hasBody(node: ts.Node): node is Body {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessor(node) ||
      ts.isSetAccessor(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node)) &&
    node.body !== undefined
  );
}

function spannedLines(node: ts.Node, source: ts.SourceFile): number {
  const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
  const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
  return end - start + 1;
}

function unwrap(expression: ts.Expression): ts.Expression {
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) {
    return unwrap(expression.expression);
  }
  return expression;
}

/** The object literal a function returns at its top level, itself or as a `const self = {…}` it returns. */
function returnedObject(node: Body): ts.ObjectLiteralExpression | undefined {
  const { body } = node;
  if (!ts.isBlock(body)) return asObject(body as ts.Expression);
  const returned = body.statements.find((statement): statement is ts.ReturnStatement => ts.isReturnStatement(statement))?.expression;
  if (!returned || !ts.isIdentifier(unwrap(returned))) return returned && asObject(returned);
  const name = (unwrap(returned) as ts.Identifier).text;
  for (const statement of body.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const declared = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
    if (declared?.initializer) return asObject(declared.initializer);
  }
  return undefined;
}

function asObject(expression: ts.Expression): ts.ObjectLiteralExpression | undefined {
  const object = unwrap(expression);
  return ts.isObjectLiteralExpression(object) ? object : undefined;
}

function isMethodOfObject(member: ts.ObjectLiteralElementLike): boolean {
  if (ts.isMethodDeclaration(member) || ts.isGetAccessor(member) || ts.isSetAccessor(member)) return true;
  if (!ts.isPropertyAssignment(member)) return false;
  const value = unwrap(member.initializer);
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value);
}

/** A function's length as this test measures it: a class written as a closure without its methods. */
function functionLines(node: Body, source: ts.SourceFile): number {
  const methods = returnedObject(node)?.properties.filter(isMethodOfObject) ?? [];
  return methods.reduce((lines, method) => lines - spannedLines(method, source), spannedLines(node.body, source));
}

/** Methods an interface declares itself: fields are data, and not counted. */
function methodCount(node: ts.InterfaceDeclaration): number {
  return node.members.filter(
    (member) =>
      ts.isMethodSignature(member) ||
      ts.isCallSignatureDeclaration(member) ||
      ts.isConstructSignatureDeclaration(member) ||
      (ts.isPropertySignature(member) && member.type !== undefined && isFunctionType(member.type)),
  ).length;
}

function isFunctionType(type: ts.TypeNode): boolean {
  return ts.isFunctionTypeNode(type) || (ts.isParenthesizedTypeNode(type) && isFunctionType(type.type));
}

/** Every place one file goes over a limit, each keyed as ALLOWED keys it, with what it measures. */
function oversized(path: string, text = readFileSync(join(ROOT, path), "utf8")): Map<string, string> {
  const found = new Map<string, string>();
  const lines = lineCount(text);
  if (lines > MAX_FILE_LINES) found.set(path, `${lines} lines`);
  const kind = path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const visit = (node: ts.Node): void => {
    if (hasBody(node) && !isTestCallback(node) && !onlyRegistersTests(node)) {
      const length = functionLines(node, source);
      if (length > MAX_FUNCTION_LINES) found.set(`${path}#${qualifiedName(node, source)}`, `function body of ${length} lines`);
    }
    if (ts.isInterfaceDeclaration(node) && methodCount(node) > MAX_INTERFACE_METHODS) {
      found.set(`${path}#${node.name.text}`, `interface of ${methodCount(node)} methods`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("sizes (issue 18)", () => {
  const everything = new Map<string, string>();
  for (const folder of FOLDERS) {
    for (const path of sourceFiles(folder)) for (const [key, what] of oversized(path)) everything.set(key, what);
  }

  it(`no file over ${MAX_FILE_LINES} lines, no function over ${MAX_FUNCTION_LINES}, no interface over ${MAX_INTERFACE_METHODS} methods, but those allowed`, () => {
    const over = [...everything].filter(([key]) => !(key in ALLOWED)).map(([key, what]) => `${key}: ${what}`);
    expect(over, `over a limit and not in ALLOWED:\n${over.join("\n")}`).toEqual([]);
  });

  it("every allowance is still needed", () => {
    const stale = Object.keys(ALLOWED).filter((key) => !everything.has(key));
    expect(stale, "in ALLOWED but within the limits now: take them out").toEqual([]);
  });

  it("measures what the comment at the top says", () => {
    const repeat = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join("\n");
    const source = [
      `export function long() {\n${repeat(80, () => "  work();")}\n}`,
      `export function short() {\n${repeat(78, () => "  work();")}\n}`,
      `describe("cases", () => {\n${repeat(90, () => "  it('x', () => {});")}\n});`,
      `export function suite() {\n  describe("s", () => {\n${repeat(90, () => "    it('x', () => {});")}\n  });\n}`,
      `export function closure() {\n  return {\n${repeat(20, (i) => `    m${i}() {\n${repeat(4, () => "      work();")}\n    },`)}\n  };\n}`,
      `interface Seam {\n${repeat(16, (i) => `  m${i}(): void;`)}\n}`,
      `interface Row {\n${repeat(30, (i) => `  f${i}: string;`)}\n}`,
    ].join("\n");
    expect([...oversized("x.ts", source)]).toEqual([
      ["x.ts", "522 lines"],
      ["x.ts#long", "function body of 82 lines"],
      ["x.ts#Seam", "interface of 16 methods"],
    ]);
  });

  it("reads the tree it guards", () => {
    expect(sourceFiles("server").length).toBeGreaterThan(100);
    expect(sourceFiles("test")).not.toContain("test/fixtures/risk-messages.json");
  });
});
