// Builds each member's connector from its `connector` entry in the consortium file, wrapped in
// the time budget, circuit breaker, cache and metrics every call to a member's system goes through.
import type { ConnectorConfig } from '@atrium/sdk';
import type { Registry } from 'prom-client';
import { GuardedConnector, type GuardOptions } from '../domain/connectors/guarded-connector.js';
import { connectorMetrics, type ConnectorMetrics } from '../domain/connectors/connector-metrics.js';
import type { MemberConnector } from '../domain/connectors/member-connector.js';
import { SruConnector } from './sru/sru-connector.js';

export function createConnector(member: string, config: ConnectorConfig): MemberConnector {
  switch (config.kind) {
    case 'sru':
      return new SruConnector(member, config);
    case 'sip2':
      throw new Error(`member ${member}: the sip2 connector is not available in this relay yet`);
  }
}

export class ConnectorRegistry {
  private readonly connectors = new Map<string, GuardedConnector>();
  private readonly metrics: ConnectorMetrics | undefined;

  constructor(options: { registry?: Registry; guard?: Omit<GuardOptions, 'member' | 'metrics'> } = {}) {
    this.metrics = options.registry ? connectorMetrics(options.registry) : undefined;
    this.guard = options.guard ?? {};
  }

  private readonly guard: Omit<GuardOptions, 'member' | 'metrics'>;

  /** Sets (or replaces) a member's connector; a member without one works from stored copies. */
  async configure(member: string, config: ConnectorConfig | undefined): Promise<void> {
    await this.connectors.get(member)?.close();
    this.connectors.delete(member);
    if (!config) return;
    const budgetMs = config.timeoutMs ?? this.guard.budgetMs;
    this.connectors.set(
      member,
      new GuardedConnector(createConnector(member, config), {
        ...this.guard,
        ...(budgetMs ? { budgetMs } : {}),
        member,
        ...(this.metrics ? { metrics: this.metrics } : {}),
      }),
    );
  }

  get(member: string): GuardedConnector | undefined {
    return this.connectors.get(member);
  }

  async close(): Promise<void> {
    await Promise.all([...this.connectors.values()].map((connector) => connector.close()));
    this.connectors.clear();
  }
}
