// `npm start`: serve the publication, writing the sample one first when the database is empty.
import { ConfigError, loadConfig } from './config.ts';
import { closeOnSignals, startServer } from './server.tsx';

try {
  const config = loadConfig();
  const server = await startServer(config, { seed: true });
  closeOnSignals(server);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error('Dateline could not start:', error);
  }
  process.exit(1);
}
