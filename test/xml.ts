// XML documents are read back by an independent parser (Python's ElementTree, in the standard
// library of the system Python) rather than by the library that wrote them.
import { execFileSync } from 'node:child_process';

const script = `
import sys, json, xml.etree.ElementTree as ET
def walk(e):
    return {"tag": e.tag, "attrib": e.attrib, "text": (e.text or "").strip(), "children": [walk(c) for c in e]}
def parse(data):
    try:
        return walk(ET.fromstring(data))
    except ET.ParseError as error:
        return {"error": str(error)}
if sys.argv[1:] == ["many"]:
    print(json.dumps([parse(doc.encode("utf-8")) for doc in json.loads(sys.stdin.buffer.read())]))
else:
    print(json.dumps(walk(ET.fromstring(sys.stdin.buffer.read()))))
`;

/** An element as ElementTree read it; namespaced tags look like "{uri}name". */
export interface XmlElement {
  tag: string;
  attrib: Record<string, string>;
  text: string;
  children: XmlElement[];
}

/** Parses XML, throwing if it is not well-formed. */
export function parseXml(xml: string): XmlElement {
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', script], {
      input: xml,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    }),
  ) as XmlElement;
}

/**
 * Parses many documents with one process. Each comes back as its root element, or as the
 * parser's complaint when it is not well-formed.
 */
export function parseXmlDocuments(xmls: readonly string[]): (XmlElement | { error: string })[] {
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', script, 'many'], {
      input: JSON.stringify(xmls),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    }),
  ) as (XmlElement | { error: string })[];
}

/** Every descendant (and the element itself) whose local name is `name`. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const local = element.tag.replace(/^\{[^}]*\}/, '');
  return [...(local === name ? [element] : []), ...element.children.flatMap((c) => findAll(c, name))];
}
