/**
 * The custom requests the client sends to the hplint language server, beyond LSP. Pure.
 *
 * protocol.json describes the same methods, params and results as JSON Schemas; it is checked
 * against this file by test/unit/protocol.test.ts and against the server by
 * tests/services/test_protocol_contract.py.
 */

/** The config format the server detected for an open document (shown in the status bar). */
export const DOCUMENT_INFO_METHOD = "hplint/documentInfo";

export interface DocumentInfoParams {
  textDocument: { uri: string };
}

export interface DocumentInfoResult {
  /** A format id, or null: not a tuning config, or not open. */
  format: string | null;
  /** The format's label from the server's formats table (null with `format`). */
  label: string | null;
}

/** The documentation of one rule, as Markdown (the "Explain Rule" command). */
export const RULE_DOCS_METHOD = "hplint/ruleDocs";

export interface RuleDocsParams {
  /** A rule code (`HP103`) or rule name. */
  code: string;
}

/** null when there is no such rule. */
export type RuleDocsResult = { markdown: string } | null;

/** Every custom request: method -> params and result. */
export interface CustomRequests {
  [DOCUMENT_INFO_METHOD]: { params: DocumentInfoParams; result: DocumentInfoResult };
  [RULE_DOCS_METHOD]: { params: RuleDocsParams; result: RuleDocsResult };
}

export const CUSTOM_REQUEST_METHODS: readonly (keyof CustomRequests)[] = [DOCUMENT_INFO_METHOD, RULE_DOCS_METHOD];
