// The child side of tests/deployed/lambda-process.ts: a stand-in for the Lambda Node.js runtime. It loads
// one bundle from its asset folder, as Lambda does at a cold start, then runs the handler once for each
// event the parent sends. Plain JavaScript, run by plain node: nothing here may come from the repository.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [file, exportName, functionName, timeoutSeconds] = process.argv.slice(2);

function context() {
  const deadline = Date.now() + Number(timeoutSeconds) * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

const handler = (await import(pathToFileURL(file).href))[exportName];
if (typeof handler !== 'function') throw new Error(`${file} exports no function ${exportName}`);

process.on('message', async ({ id, event }) => {
  try {
    process.send({ id, result: (await handler(event, context())) ?? null });
  } catch (error) {
    process.send({ id, error: { name: error?.name ?? 'Error', message: error?.message ?? String(error) } });
  }
});
process.send({ ready: true });
