/**
 * `npm run bench -- faults`: the fault scenarios of test/integration/faults.test.ts at size: 200
 * concurrent chats (youth and volunteer writing both ways, spread over two server processes) and 40
 * waiting youths, through a process killed (SIGKILL), Redis killed and restarted (AOF, fsync
 * always), and a process drained (SIGTERM). Reports, per fault, what was acknowledged, lost and
 * duplicated, and how long until every unacknowledged message was acknowledged.
 */
import { runFaultScenario, type Fault } from "../../test/helpers/faultScenario";

const CHATS = Number(process.env.BENCH_FAULT_CHATS ?? 200);
const QUEUED = 40;

/** One run per fault; keys are flat numbers (booleans as 1/0) for loadtest/results/latest.json. */
export async function benchFaults(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const fault of ["sigkill", "redis-restart", "sigterm"] as Fault[]) {
    const report = await runFaultScenario({
      fault,
      chats: CHATS,
      queued: QUEUED,
      messagesPerSecondPerSide: 1,
      beforeMs: 3000,
      afterMs: 3000,
      outageMs: 3000,
      progress: (line) => console.log(`  ${fault}: ${line}`),
    });
    const key = fault.replace("-", "_");
    Object.assign(figures, {
      [`faults_${key}_chats`]: report.chats,
      [`faults_${key}_acked`]: report.acked,
      [`faults_${key}_lost`]: report.lost,
      [`faults_${key}_duplicated`]: report.duplicated,
      [`faults_${key}_missing_in_store`]: report.missingInStore,
      [`faults_${key}_queue_order_kept`]: Number(report.queueOrderKept),
      [`faults_${key}_queued_after`]: report.queuedAfter,
      [`faults_${key}_conversations_intact`]: Number(report.conversationsIntact),
      [`faults_${key}_reconnects`]: report.reconnects,
      [`faults_${key}_recovery_ms`]: report.recoveryMs,
      [`faults_${key}_service_resumed`]: Number(report.serviceResumed),
      [`faults_${key}_processes_alive`]: report.processesAlive,
    });
    if (report.drainingRefusedNewConnections !== undefined) figures.faults_sigterm_draining_refused_new = Number(report.drainingRefusedNewConnections);
    if (report.readyDuringOutage) figures.faults_redis_restart_readyz_503_during_outage = Number(report.readyDuringOutage.every((s) => s === 503));
    console.log(`  ${fault}:`, JSON.stringify(report));
  }
  return figures;
}
