/**
 * An HTML string as a linkedom DOM that always has <html>, <head> and <body>. linkedom parses
 * with htmlparser2, which builds no implied elements: a fragment ("<p>…"), a page without
 * <body>, or garbage text leaves the document without a body (its `body` getter then throws or
 * invents one in the wrong place), and Readability needs one. Such documents are rebuilt: head
 * elements go to <head>, everything else to <body>, in order.
 *
 * linkedom is typed against the DOM library, which rasd's tsconfig leaves out; the interfaces
 * here name the little of the DOM ingestion uses.
 */
import { parseHTML } from "linkedom";

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly childNodes: ArrayLike<DomNode> & Iterable<DomNode>;
  readonly parentNode: DomNode | null;
  readonly textContent: string | null;
  remove(): void;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly children: ArrayLike<DomElement> & Iterable<DomElement>;
  readonly nextElementSibling: DomElement | null;
  readonly outerHTML: string;
  readonly innerHTML: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
}

export interface DomDocument {
  readonly documentElement: DomElement;
  readonly head: DomElement;
  readonly body: DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
}

/** Elements that belong in <head> when they come before any body content. */
const HEAD_ELEMENTS = new Set(["TITLE", "META", "LINK", "BASE", "STYLE", "SCRIPT", "NOSCRIPT"]);

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

interface RawDocument {
  readonly documentElement: DomElement | null;
  readonly childNodes: ArrayLike<DomNode> & Iterable<DomNode>;
}

function isWellFormed(root: DomElement | null): boolean {
  if (root?.nodeName !== "HTML") return false;
  let head = 0;
  let body = 0;
  for (const child of root.childNodes) {
    if (child.nodeName === "HEAD") head++;
    else if (child.nodeName === "BODY") body++;
    else if (child.nodeType === ELEMENT_NODE) return false;
    else if (child.nodeType === TEXT_NODE && child.textContent?.trim()) return false;
  }
  return head <= 1 && body === 1;
}

function attributesOf(el: DomElement | null, names: string[]): string {
  if (!el || el.nodeType !== ELEMENT_NODE) return "";
  return names
    .map((n) => [n, el.getAttribute(n)] as const)
    .filter(([, v]) => v !== null)
    .map(([n, v]) => ` ${n}="${escapeAttr(v as string)}"`)
    .join("");
}

/** Parses `html` into a document with <html>, <head> and <body>, whatever the input. */
export function parseDocument(html: string): DomDocument {
  const first = parseHTML(html).document as RawDocument;
  if (isWellFormed(first.documentElement)) return first as unknown as DomDocument;
  const head: string[] = [];
  const body: string[] = [];
  let bodyAttrs = "";
  let inBody = false;
  const visit = (node: DomNode, inHead: boolean) => {
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? "";
      if (inHead && !text.trim()) return;
      if (text.trim()) inBody = true;
      body.push(escapeText(text));
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return; // comments, doctype
    const el = node as DomElement;
    if (el.nodeName === "HTML" || el.nodeName === "HEAD" || el.nodeName === "BODY") {
      if (el.nodeName === "BODY") bodyAttrs ||= attributesOf(el, ["class", "id", "dir", "lang"]);
      for (const child of Array.from(el.childNodes)) visit(child, el.nodeName === "HEAD");
      return;
    }
    if (!inBody && (inHead || HEAD_ELEMENTS.has(el.nodeName))) {
      head.push(el.outerHTML);
      return;
    }
    inBody = true;
    body.push(el.outerHTML);
  };
  for (const node of Array.from(first.childNodes)) visit(node, false);
  const root = first.documentElement?.nodeName === "HTML" ? first.documentElement : null;
  const htmlAttrs = attributesOf(root, ["lang", "dir", "xml:lang"]);
  const rebuilt = `<!DOCTYPE html><html${htmlAttrs}><head>${head.join("")}</head><body${bodyAttrs}>${body.join("")}</body></html>`;
  return parseHTML(rebuilt).document as DomDocument;
}

/** The element's text with whitespace collapsed. */
export function textOf(node: DomNode | null | undefined): string {
  return (node?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/**
 * Elements an HTML parser closes by itself when a sibling opens (htmlparser2's implied ends: a
 * new <p> or <div> closes an open <p>, a <li> the <li> before it …) and void elements: neither
 * deepens a page for long, so the estimate below leaves them out.
 */
const SHALLOW = new Set(
  [
    "p li dd dt tr td th thead tbody tfoot option optgroup rt rp head body html",
    "input select button datalist textarea output form link script",
    "area base basefont br col command embed frame hr img isindex keygen meta param source track wbr",
  ].flatMap((line) => line.split(" ")),
);
/** Elements whose content is text, not tags, up to their end tag. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "noembed", "noframes"]);
const TAG = /<!--|<(\/?)([A-Za-z][^\s/>]*)[^>]*?(\/?)>/g;

/**
 * How deep the elements of `html` nest, estimated from its tags without building a DOM (a page
 * nested a hundred thousand deep took linkedom minutes to build): start and end tags are
 * matched as a parser matches them, leaving out the elements that close by themselves. Stops
 * counting past `limit`.
 */
export function estimatedDepth(html: string, limit = Number.POSITIVE_INFINITY): number {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let deepest = 0;
  let foreign = 0; // inside <svg> or <math>, "<g/>" closes itself
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m !== null; m = TAG.exec(html)) {
    if (m[0] === "<!--") {
      const end = html.indexOf("-->", TAG.lastIndex);
      if (end < 0) break;
      TAG.lastIndex = end + 3;
      continue;
    }
    const name = (m[2] as string).toLowerCase();
    if (m[1]) {
      if (!open.get(name)) continue; // an end tag with no start: ignored
      for (;;) {
        const top = stack.pop() as string;
        open.set(top, (open.get(top) ?? 1) - 1);
        if (top === "svg" || top === "math") foreign--;
        if (top === name) break;
      }
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, "gi");
      close.lastIndex = TAG.lastIndex;
      if (!close.exec(html)) break;
      TAG.lastIndex = close.lastIndex - name.length - 2;
      continue;
    }
    if (SHALLOW.has(name) || (m[3] && foreign > 0)) continue;
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (name === "svg" || name === "math") foreign++;
    if (stack.length > deepest) {
      deepest = stack.length;
      if (deepest > limit) break;
    }
  }
  return deepest;
}

/**
 * How deep the elements under `root` nest (`root` is 1) and how many there are, walked without
 * recursion.
 */
export function elementShape(root: DomNode): { depth: number; elements: number } {
  let deepest = 0;
  let elements = 0;
  const stack: [DomNode, number][] = [[root, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, depth] = top;
    elements++;
    if (depth > deepest) deepest = depth;
    for (const child of node.childNodes)
      if (child.nodeType === ELEMENT_NODE) stack.push([child, depth + 1]);
  }
  return { depth: deepest, elements };
}
