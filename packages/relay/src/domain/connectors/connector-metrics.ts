// Prometheus metrics of the calls the relay makes to members' systems, labelled by member.
import { Counter, Histogram, type Registry } from 'prom-client';

export interface ConnectorMetrics {
  readonly calls: Counter<'member' | 'kind' | 'operation'>;
  readonly errors: Counter<'member' | 'kind' | 'operation' | 'reason'>;
  readonly latency: Histogram<'member' | 'kind' | 'operation'>;
}

export function connectorMetrics(registry: Registry): ConnectorMetrics {
  return {
    calls: new Counter({
      name: 'atrium_connector_calls_total',
      help: 'Calls to a member system, by member, connector kind and operation.',
      labelNames: ['member', 'kind', 'operation'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'atrium_connector_errors_total',
      help: 'Calls to a member system that got no usable answer, by reason.',
      labelNames: ['member', 'kind', 'operation', 'reason'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'atrium_connector_latency_seconds',
      help: 'Time a member system took to answer (or the budget, when it did not).',
      labelNames: ['member', 'kind', 'operation'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2],
      registers: [registry],
    }),
  };
}
