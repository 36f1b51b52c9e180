import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../test/xml.ts';
import { addElement, createXmlDocument, removeXmlForbidden, serializeXml } from './xml.ts';

describe('the XML writer', () => {
  it('removes what XML 1.0 cannot carry and keeps the rest, astral characters included', () => {
    expect(removeXmlForbidden('a\u0000b\u0001c\u001Fd\uFFFEe\uFFFFf\uD800g\uDFFFh')).toBe('abcdefgh');
    expect(removeXmlForbidden('\t\n\r é 😀 \u202E \uFFFD')).toBe('\t\n\r é 😀 \u202E \uFFFD');
  });

  it('writes every text and attribute so that a strict parser reads back exactly what was given', () => {
    // xmlbuilder2 alone would leave "&amp;" and "&bogus;" as they are: read back as "&", or not
    // well-formed at all.
    const text = 'A &amp; B &bogus; &#0; &#65; ]]> ]]]]> </title><item>x</item> "q" \'s\' \r\n end';
    const document = createXmlDocument();
    const root = addElement(document, 'root');
    addElement(root, 'text', { text: `\u0001${text}` });
    addElement(root, 'attribute', { attributes: { value: `${text}\t\n` } });
    const parsed = parseXml(serializeXml(document));
    expect(parsed.children.map((c) => c.tag)).toEqual(['text', 'attribute']);
    expect(parsed.children[0]?.text).toBe(text);
    expect(parsed.children[1]?.attrib.value).toBe(`${text}\t\n`);
  });
});
