/**
 * protocol.json (the custom requests, shared with the server's tests) against src/core/protocol.ts.
 *
 * The TypeScript types are read with the compiler and turned into the same small JSON Schema
 * subset the contract uses (type, properties, required, additionalProperties: false, items), so a
 * field added, renamed, made optional or nullable on one side only fails here. The server side is
 * checked by tests/services/test_protocol_contract.py.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { CUSTOM_REQUEST_METHODS, DOCUMENT_INFO_METHOD, RULE_DOCS_METHOD } from "../../src/core/protocol";

const root = path.resolve(__dirname, "..", "..");
const PROTOCOL_TS = path.join(root, "src", "core", "protocol.ts");
const COMPILER_OPTIONS: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, types: [] };

interface Schema {
  type: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
  description?: string;
}

interface ContractRequest {
  method: string;
  description: string;
  params: Schema;
  result: Schema;
}

const contract = JSON.parse(readFileSync(path.join(root, "protocol.json"), "utf8")) as {
  description: string;
  requests: ContractRequest[];
};

/** The comparable form of a schema: no descriptions, sorted type lists and required lists. */
function canonical(schema: Schema): Schema {
  const types = (Array.isArray(schema.type) ? [...schema.type] : [schema.type]).sort();
  const out: Schema = { type: types.length === 1 ? types[0] : types };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
    out.required = [...(schema.required ?? [])].sort();
    out.additionalProperties = schema.additionalProperties;
  }
  if (schema.items) out.items = canonical(schema.items);
  return out;
}

/** A TypeScript type as a schema of that subset; anything it cannot describe throws. */
function typeToSchema(checker: ts.TypeChecker, type: ts.Type): Schema {
  const types = new Set<string>();
  const out: Schema = { type: [] };
  for (const part of type.isUnion() ? type.types : [type]) {
    const flags = part.flags;
    if (flags & ts.TypeFlags.Undefined) continue; // optional properties: see `required`
    if (flags & ts.TypeFlags.String) types.add("string");
    else if (flags & ts.TypeFlags.Number) types.add("number");
    else if (flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) types.add("boolean");
    else if (flags & ts.TypeFlags.Null) types.add("null");
    else if (checker.isArrayType(part)) {
      types.add("array");
      out.items = typeToSchema(checker, checker.getTypeArguments(part as ts.TypeReference)[0]);
    } else if (flags & ts.TypeFlags.Object && !part.getCallSignatures().length) {
      types.add("object");
      out.properties = {};
      out.required = [];
      for (const prop of checker.getPropertiesOfType(part)) {
        out.properties[prop.name] = typeToSchema(checker, checker.getTypeOfSymbol(prop));
        if (!(prop.flags & ts.SymbolFlags.Optional)) out.required.push(prop.name);
      }
      out.additionalProperties = false; // a TypeScript object type names every field
    } else {
      throw new Error(`protocol.test.ts cannot describe the type ${checker.typeToString(part)}`);
    }
  }
  out.type = [...types];
  return out;
}

/** CustomRequests from src/core/protocol.ts: method -> {params, result} as schemas. */
function requestsFromTypeScript(): Map<string, { params: Schema; result: Schema }> {
  const program = ts.createProgram([PROTOCOL_TS], COMPILER_OPTIONS);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(PROTOCOL_TS);
  assert.ok(source);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  assert.ok(moduleSymbol);
  const requests = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === "CustomRequests");
  assert.ok(requests, "src/core/protocol.ts exports CustomRequests");
  const out = new Map<string, { params: Schema; result: Schema }>();
  for (const method of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(requests))) {
    const entry = checker.getTypeOfSymbol(method);
    const member = (name: string) => {
      const symbol = checker.getPropertyOfType(entry, name);
      assert.ok(symbol, `CustomRequests["${method.name}"] has ${name}`);
      return typeToSchema(checker, checker.getTypeOfSymbol(symbol));
    };
    out.set(method.name, { params: member("params"), result: member("result") });
  }
  return out;
}

test("protocol.json names the client's custom request methods, in order", () => {
  assert.deepEqual(
    contract.requests.map((r) => r.method),
    [...CUSTOM_REQUEST_METHODS],
  );
  assert.deepEqual([DOCUMENT_INFO_METHOD, RULE_DOCS_METHOD], [...CUSTOM_REQUEST_METHODS]);
  for (const r of contract.requests) assert.ok(r.description, `${r.method} is described`);
});

test("params and result types of src/core/protocol.ts match protocol.json", () => {
  const fromTypeScript = requestsFromTypeScript();
  assert.deepEqual([...fromTypeScript.keys()], [...CUSTOM_REQUEST_METHODS]);
  for (const r of contract.requests) {
    const ours = fromTypeScript.get(r.method);
    assert.ok(ours, r.method);
    assert.deepEqual(canonical(ours.params), canonical(r.params), `${r.method} params`);
    assert.deepEqual(canonical(ours.result), canonical(r.result), `${r.method} result`);
  }
});

test("the schema reader sees nullable, optional and extra fields", () => {
  const file = path.join(root, "test", "unit", "__protocol_sample__.ts");
  const text = "export interface S { a: string | null; b?: number; c: { d: boolean[] } }\n";
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === file ? text : readFile(f));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => path.resolve(f) === file || fileExists(f);
  const program = ts.createProgram([file], COMPILER_OPTIONS, host);
  const checker = program.getTypeChecker();
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)!)!)[0];
  assert.deepEqual(canonical(typeToSchema(checker, checker.getDeclaredTypeOfSymbol(symbol))), {
    type: "object",
    properties: {
      a: { type: ["null", "string"] },
      b: { type: "number" },
      c: {
        type: "object",
        properties: { d: { type: "array", items: { type: "boolean" } } },
        required: ["d"],
        additionalProperties: false,
      },
    },
    required: ["a", "c"],
    additionalProperties: false,
  });
});

/** String literals in a source file that look like a custom method name (`hplint/...`). */
function methodLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) && /^hplint\/[A-Za-z]/.test(node.text)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test("custom methods are named only in src/core/protocol.ts", () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (full !== PROTOCOL_TS) {
        for (const m of methodLiterals(full)) offenders.push(`${path.relative(root, full)}: "${m}"`);
      }
    }
  };
  walk(path.join(root, "src"));
  assert.deepEqual(offenders, []);
  assert.deepEqual(methodLiterals(PROTOCOL_TS), [...CUSTOM_REQUEST_METHODS]);
});
