import type { IncomingMessage } from "node:http";

/**
 * A ceiling on open connections per client network (IPv4 address or IPv6 /64) in this process: one
 * client holding thousands of idle sockets cost memory and file descriptors and, on a low limit,
 * kept others (and /healthz) out. A school behind one address stays far below it. Counted per
 * process, like the connections themselves; the load balancer spreads a client over processes.
 */
export class ConnectionsPerNetwork {
  private readonly open = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly networkOf: (req: IncomingMessage) => string | undefined,
  ) {}

  /** For socket.io's allowRequest: false once this network holds `max` connections here. */
  allows(req: IncomingMessage): boolean {
    const network = this.networkOf(req) ?? "unknown";
    return (this.open.get(network) ?? 0) < this.max;
  }

  /** Counts an accepted connection until `onClose` fires for it. */
  track(req: IncomingMessage, onClose: (listener: () => void) => void): void {
    const network = this.networkOf(req) ?? "unknown";
    this.open.set(network, (this.open.get(network) ?? 0) + 1);
    onClose(() => {
      const left = (this.open.get(network) ?? 1) - 1;
      if (left <= 0) this.open.delete(network);
      else this.open.set(network, left);
    });
  }
}
