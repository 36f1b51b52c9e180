// XML documents are read back by an independent parser (Python's ElementTree, in the standard
// library of the system Python) rather than by the library that wrote them.
import { execFileSync } from 'node:child_process';

const script = `
import sys, json, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
def walk(e):
    return {"tag": e.tag, "attrib": e.attrib, "text": (e.text or "").strip(), "children": [walk(c) for c in e]}
print(json.dumps(walk(root)))
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

/** Every descendant (and the element itself) whose local name is `name`. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const local = element.tag.replace(/^\{[^}]*\}/, '');
  return [...(local === name ? [element] : []), ...element.children.flatMap((c) => findAll(c, name))];
}
