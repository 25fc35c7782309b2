// CDK app: one stack. `npx cdk synth` works offline; `npx cdk deploy` (or `cdklocal deploy`) deploys it.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SyndicStack } from './stack.ts';

const app = new App();
new SyndicStack(app, app.node.tryGetContext('stackName') ?? 'Syndic', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  scheduleMinutes: Number(app.node.tryGetContext('scheduleMinutes') ?? 15),
  articleIndexesProjectAll: String(app.node.tryGetContext('articleIndexesProjectAll') ?? 'false') === 'true',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
