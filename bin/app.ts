import { App } from 'aws-cdk-lib';
import { addPartyPlanner } from '#lib/party-planner-app.ts';

const app = new App();
addPartyPlanner(app, {
  account: process.env.CDK_DEFAULT_ACCOUNT,
  region: process.env.CDK_DEFAULT_REGION,
});
