// Tests may talk to this machine only: loopback TCP and Unix sockets. Anything else fails loudly,
// so that no test can quietly depend on (or send data to) the outside world.
import net from 'node:net';

const loopback = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '::']);
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .apply on its own socket
const original = net.Socket.prototype.connect;

function hostOf(args: unknown[]): string | undefined {
  const [first] = args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    if (options.path) return undefined;
    return options.host ?? 'localhost';
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined; // a Unix socket path
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host !== undefined && !loopback.has(host) && !host.startsWith('127.')) {
    throw new Error(`Tests may not reach the network: connection to ${host} refused`);
  }
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
};
