import { findWebLinks } from '../links.ts';

function Linked({ text }: { text: string }) {
  const matches = findWebLinks(text);
  const parts: (string | ReturnType<typeof Link>)[] = [];
  let last = 0;
  for (const m of matches) {
    parts.push(text.slice(last, m.index));
    parts.push(<Link href={m.url} text={m.text} />);
    last = m.lastIndex;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

function Link({ href, text }: { href: string; text: string }) {
  return (
    <a href={href} rel="nofollow ugc">
      {text}
    </a>
  );
}

/**
 * A reader's comment as plain-text paragraphs with safe autolinks. Every character the reader typed
 * goes through JSX escaping; no markup from a reader reaches the page.
 */
export function CommentText({ body }: { body: string }) {
  const paragraphs = body.split(/\n{2,}/).filter((p) => p.trim() !== '');
  return (
    <>
      {paragraphs.map((p) => (
        <p>
          {p.split('\n').map((line, i) => (
            <>
              {i > 0 && <br />}
              <Linked text={line} />
            </>
          ))}
        </p>
      ))}
    </>
  );
}
