// A stand-in on 127.0.0.1 for the AWS control-plane calls that no local AWS-compatible server answers:
// CloudFormation DescribeStacks (how the CLI finds a stack by name), Step Functions DescribeStateMachine
// and StartExecution, and EventBridge Scheduler GetSchedule. It speaks each service's wire protocol (query
// XML, JSON 1.0, REST JSON) so the real SDK clients parse its answers; the data plane (tables, bucket,
// queues) stays on the local servers. Point the SDK at it with AWS_ENDPOINT_URL_CLOUDFORMATION, _SFN and
// _SCHEDULER.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ControlPlane {
  /** Stack name -> its outputs. */
  stacks: Record<string, Record<string, string>>;
  /** State machine ARN -> status. */
  stateMachines: Record<string, 'ACTIVE' | 'DELETING'>;
  /** Schedule name -> state. */
  schedules: Record<string, 'ENABLED' | 'DISABLED'>;
}

export interface ControlPlaneStub {
  url: string;
  state: ControlPlane;
  /** Every call answered, e.g. 'DescribeStacks Syndic', 'StartExecution {"prefix":...}'. */
  calls: string[];
  /** The variables that point the SDK's CloudFormation, Step Functions and Scheduler clients here. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startControlPlaneStub(state: ControlPlane): Promise<ControlPlaneStub> {
  const calls: string[] = [];
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const target = request.headers['x-amz-target'];
    if (typeof target === 'string' && target.startsWith('AWSStepFunctions.')) stepFunctions(target.slice(17), JSON.parse(body), response);
    else if (request.method === 'GET' && request.url?.startsWith('/schedules/')) schedule(decodeURIComponent(request.url.slice(11).split('?')[0]), response);
    else cloudFormation(new URLSearchParams(body), response);
  });

  function cloudFormation(form: URLSearchParams, response: ServerResponse): void {
    const name = form.get('StackName') ?? '';
    calls.push(`${form.get('Action')} ${name}`);
    const outputs = state.stacks[name];
    const xmlns = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
    if (form.get('Action') !== 'DescribeStacks' || !outputs) {
      const message = outputs ? `${form.get('Action')} is not served here` : `Stack with id ${name} does not exist`;
      response.writeHead(400, { 'content-type': 'text/xml' }).end(
        `<ErrorResponse xmlns="${xmlns}"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>${escape(message)}</Message></Error><RequestId>stub</RequestId></ErrorResponse>`,
      );
      return;
    }
    const members = Object.entries(outputs)
      .map(([key, value]) => `<member><OutputKey>${escape(key)}</OutputKey><OutputValue>${escape(value)}</OutputValue></member>`)
      .join('');
    response.writeHead(200, { 'content-type': 'text/xml' }).end(
      `<DescribeStacksResponse xmlns="${xmlns}"><DescribeStacksResult><Stacks><member><StackName>${escape(name)}</StackName>` +
        `<StackId>arn:aws:cloudformation:us-east-1:000000000000:stack/${escape(name)}/stub</StackId><CreationTime>2026-12-01T00:00:00Z</CreationTime>` +
        `<StackStatus>CREATE_COMPLETE</StackStatus><Outputs>${members}</Outputs></member></Stacks></DescribeStacksResult>` +
        `<ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></DescribeStacksResponse>`,
    );
  }

  function stepFunctions(operation: string, input: { stateMachineArn: string; input?: string }, response: ServerResponse): void {
    calls.push(`${operation} ${operation === 'StartExecution' ? input.input : input.stateMachineArn}`);
    const status = state.stateMachines[input.stateMachineArn];
    const json = (code: number, value: unknown): void => void response.writeHead(code, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(value));
    if (!status) return json(400, { __type: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${input.stateMachineArn}'` });
    if (operation === 'DescribeStateMachine') return json(200, { stateMachineArn: input.stateMachineArn, name: 'Reprocess', status, definition: '{}', roleArn: 'arn:aws:iam::000000000000:role/stub', type: 'STANDARD', creationDate: 1_796_000_000 });
    if (operation === 'StartExecution') return json(200, { executionArn: `${input.stateMachineArn.replace(':stateMachine:', ':execution:')}:stub-${calls.length}`, startDate: 1_796_000_000 });
    json(400, { __type: 'InvalidAction', message: `${operation} is not served here` });
  }

  function schedule(name: string, response: ServerResponse): void {
    calls.push(`GetSchedule ${name}`);
    const scheduleState = state.schedules[name];
    if (!scheduleState) {
      response.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' }).end(JSON.stringify({ Message: `Schedule ${name} does not exist.` }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({ Name: name, GroupName: 'default', State: scheduleState, ScheduleExpression: 'rate(15 minutes)', Arn: `arn:aws:scheduler:us-east-1:000000000000:schedule/default/${name}` }),
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    state,
    calls,
    env: { AWS_ENDPOINT_URL_CLOUDFORMATION: url, AWS_ENDPOINT_URL_SFN: url, AWS_ENDPOINT_URL_SCHEDULER: url },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject);
  });
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
