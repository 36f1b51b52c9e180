import { Layout, type SiteInfo } from './layout.tsx';

/** The page for 404s, 500s and every other error a reader may meet. */
export function ErrorPage({
  site,
  status,
  message,
  detail,
}: {
  site: SiteInfo;
  status: number;
  message: string;
  detail?: string;
}) {
  const heading =
    status === 404 ? 'Page not found' : status >= 500 ? 'Something went wrong' : 'That did not work';
  return (
    <Layout site={site} title={heading} noindex>
      <h1>{heading}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
      {detail && <pre class="error-detail">{detail}</pre>}
    </Layout>
  );
}
