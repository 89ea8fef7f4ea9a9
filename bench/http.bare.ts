/**
 * The baseline of `npm run bench:http`: a bare Hono route on the same server stack as the app
 * (src/web/server.ts), in its own process as the app is, so that the ratio says what our pages cost
 * over the transport, whatever the machine. Prints the line the bench waits for.
 */
import { Hono } from 'hono';
import { startServer } from '../src/web/server.ts';

const bare = new Hono();
bare.get('/', (c) => c.text('ok'));
startServer({
  fetch: bare.fetch,
  port: 0,
  hostname: '127.0.0.1',
  onListening: (info) => console.log(`\nbare route: http://localhost:${info.port}\n`),
});
