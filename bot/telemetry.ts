import type { IncomingMessage } from 'node:http';
import type { DiagLogger } from '@opentelemetry/api';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, logConfigSchema, readConfig } from './config';

/**
 * Application Insights through the Azure Monitor OpenTelemetry distro, only when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set: incoming requests, outgoing calls (Bot Framework
 * connector, Cosmos DB) and the pino logs, correlated by operation id. `bot/index.ts` imports this
 * module first because instrumentation patches `http` and `pino` when they are loaded.
 */

export type TelemetryState = 'azure-monitor' | 'off';

/** App Service probes the health check every minute per instance: not worth a request record each. */
function isHealthProbe(request: IncomingMessage): boolean {
  return request.url === '/healthz';
}

/**
 * The telemetry SDK's own warnings, as JSON lines in the bot's log format. Not through pino: those
 * lines would be exported in turn, and an export failure would log about itself.
 */
function jsonDiagLogger(): DiagLogger {
  const write =
    (level: number) =>
    (message: string, ...args: unknown[]) => {
      const msg = [message, ...args.map((a) => (a instanceof Error ? a.message : String(a)))].join(' ');
      const entry = { level, time: new Date().toISOString(), name: 'telemetry', msg };
      process.stdout.write(`${JSON.stringify(entry)}\n`);
    };
  return { error: write(50), warn: write(40), info: write(30), debug: write(20), verbose: write(10) };
}

/** Flushes what is buffered (set once telemetry runs). */
let shutdown: (() => Promise<void>) | undefined;

/** On a graceful stop: sends the spans and logs still buffered (up to ~5 s worth) before exiting. */
export async function stopTelemetry(): Promise<void> {
  await shutdown?.();
}

export function startTelemetry(env: NodeJS.ProcessEnv = process.env): TelemetryState {
  const connectionString = readConfig(logConfigSchema, env).APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (!connectionString) return 'off';
  // Loaded here rather than imported at the top: without a connection string none of the SDK loads.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { useAzureMonitor, shutdownAzureMonitor } =
    require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
  const { registerInstrumentations } =
    require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { PinoInstrumentation } =
    require('@opentelemetry/instrumentation-pino') as typeof import('@opentelemetry/instrumentation-pino');
  const { diag, DiagLogLevel } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const { setLogLevel } = require('@azure/logger') as typeof import('@azure/logger');
  /* eslint-enable @typescript-eslint/no-require-imports */
  // The distro hands these options to the OpenTelemetry HTTP instrumentation, which knows the hook.
  const http: { enabled: true; ignoreIncomingRequestHook: (request: IncomingMessage) => boolean } = {
    enabled: true,
    ignoreIncomingRequestHook: isHealthProbe,
  };
  // The default host detector reads the machine id asynchronously, and every record built before it
  // settles logs an error; App Service's own detector (synchronous, environment variables) says
  // which site and instance this is.
  env.OTEL_NODE_RESOURCE_DETECTORS ??= 'env,azure_app_service';
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    instrumentationOptions: {
      http,
      azureSdk: { enabled: true },
      // Libraries the bot does not use: no hooks for them.
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
    },
  });
  // The distro prints its own diagnostics and turns on the Azure SDKs' logging (a Cosmos DB 404 is a
  // warning there) as plain text on stdout: its diagnostics become JSON lines like the bot's, and
  // the SDKs log only when AZURE_LOG_LEVEL asks for it, as without telemetry.
  diag.setLogger(jsonDiagLogger(), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  if (!env.AZURE_LOG_LEVEL) setLogLevel();
  // The distro instruments bunyan and winston, not pino: this adds trace_id/span_id to every log
  // line written inside a request and sends the (already redacted) lines to Application Insights.
  registerInstrumentations({ instrumentations: [new PinoInstrumentation()] });
  shutdown = shutdownAzureMonitor;
  return 'azure-monitor';
}

// The entry points load `.env` later (bot/runtime.ts); the connection string may be there too.
loadDotenv({ quiet: true });
try {
  startTelemetry();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // Before anything else runs: report the bad variable the way the entry points do and stop.
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
