// A "deployed" syndic stack on this machine: the tables, bucket and queues on the local AWS-compatible
// servers, and the control-plane stub answering DescribeStacks with their names as the stack's outputs
// (plus a state machine and a schedule), so `--aws` commands find it by name as they find a real one.
import { createClients } from '../../shared/aws/clients.ts';
import type { AwsClients } from '../../shared/aws/clients.ts';
import { STACK_OUTPUTS } from '../../shared/stack-outputs.ts';
import { startLocalAwsServers } from '../../cli/local/aws-servers.ts';
import { ensureResources } from '../../cli/local/resources.ts';
import { startControlPlaneStub } from './control-plane-stub.ts';
import type { ControlPlaneStub } from './control-plane-stub.ts';

export interface LocalStack {
  name: string;
  /** What a user's shell would hold: endpoints and credentials, and no SYNDIC_* variable. */
  env: Record<string, string>;
  aws: AwsClients;
  /** The settings the stack's outputs stand for. */
  settings: Record<string, string>;
  outputs: Record<string, string>;
  controlPlane: ControlPlaneStub;
  stop(): Promise<void>;
}

export const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:Reprocess';
export const SCHEDULE_NAME = 'SyndicDispatchSchedule';

export async function startLocalStack(name = 'Syndic'): Promise<LocalStack> {
  const servers = await startLocalAwsServers();
  const aws = createClients({ ...process.env, ...servers.env });
  const settings: Record<string, string> = {
    ...(await ensureResources(aws)),
    SYNDIC_REPROCESS_STATE_MACHINE_ARN: STATE_MACHINE_ARN,
    SYNDIC_SCHEDULE_NAME: SCHEDULE_NAME,
    SYNDIC_FEED_INTERVAL_MINUTES: '15',
  };
  const outputs = Object.fromEntries(Object.entries(STACK_OUTPUTS).map(([output, setting]) => [output, settings[setting]]));
  const controlPlane = await startControlPlaneStub({
    stacks: { [name]: outputs },
    stateMachines: { [STATE_MACHINE_ARN]: 'ACTIVE' },
    schedules: { [SCHEDULE_NAME]: 'ENABLED' },
  });
  return {
    name,
    env: { ...servers.env, ...controlPlane.env },
    aws,
    settings,
    outputs,
    controlPlane,
    async stop() {
      await controlPlane.stop();
      await servers.stop();
    },
  };
}
