import * as lambda from 'aws-cdk-lib/aws-lambda';

// Node 24 is the newest Lambda runtime, which also keeps cdk-nag's AwsSolutions-L1 quiet.
export const RUNTIME = lambda.Runtime.NODEJS_24_X;
export const ESBUILD_TARGET = 'node24';
export const ARCHITECTURE = lambda.Architecture.ARM_64;
