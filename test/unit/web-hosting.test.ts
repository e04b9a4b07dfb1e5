import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { MissingWebBuildError } from '#lib/constructs/web-hosting.ts';
import { type CfnResource, onlyResource, ref, resourcesOfType } from '#test/support/resources.ts';
import { synthesize } from '#test/support/synth.ts';

// A stand-in for `vite build`: the stack only needs an index.html to upload.
const distDir = mkdtempSync(join(tmpdir(), 'party-web-dist-'));
writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>party</title>');
afterAll(() => rmSync(distDir, { recursive: true, force: true }));

const { stack, template } = synthesize({ context: { web: true }, webDistDir: distDir });
const [bucketId, bucket] = onlyResource(template, 'AWS::S3::Bucket');
const [distributionId, distribution] = onlyResource(template, 'AWS::CloudFront::Distribution');

function onlyHttpApi(synthesized: Template): [string, CfnResource] {
  const apis = resourcesOfType(synthesized, 'AWS::ApiGatewayV2::Api').filter(
    ([, api]) => api.Properties.ProtocolType === 'HTTP',
  );
  expect(apis).toHaveLength(1);
  return apis[0] as [string, CfnResource];
}

describe('web hosting (-c web=true)', () => {
  it('keeps the bucket private, encrypted and SSL-only', () => {
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(bucketId),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets only this distribution read the bucket, through OAC', () => {
    const [, oac] = onlyResource(template, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
    });
    const [origin] = distribution.Properties.DistributionConfig.Origins;
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(origin.S3OriginConfig?.OriginAccessIdentity ?? '').toBe('');

    const [, policy] = onlyResource(template, 'AWS::S3::BucketPolicy');
    const allows = (policy.Properties.PolicyDocument.Statement as CfnResource['Properties'][]).filter(
      (statement) => statement.Effect === 'Allow',
    );
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
    });
    const sourceArn = JSON.stringify(allows[0]?.Condition.StringEquals['AWS:SourceArn']);
    expect(sourceArn).toContain(`"Ref":"${distributionId}"`);
  });

  it('serves index.html over HTTPS only', () => {
    expect(distribution.Properties.DistributionConfig).toMatchObject({
      DefaultRootObject: 'index.html',
      DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' },
    });
  });

  it('uploads the build plus config.json and invalidates what changes in place', () => {
    const [, deployment] = onlyResource(template, 'Custom::CDKBucketDeployment');
    expect(deployment.Properties).toMatchObject({
      DestinationBucketName: ref(bucketId),
      DistributionId: ref(distributionId),
      DistributionPaths: ['/index.html', '/config.json'],
    });
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
  });

  it("lets the HTTP API answer only the page's own CloudFront origin across origins", () => {
    const [, api] = onlyHttpApi(template);
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual([
      { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] },
    ]);
  });

  it('also allows the origins the context names, next to the page origin', () => {
    const named = synthesize({
      context: { web: true, webOrigins: 'https://party.example' },
      webDistDir: distDir,
    });
    const [, api] = onlyHttpApi(named.template);
    const [namedDistributionId] = onlyResource(named.template, 'AWS::CloudFront::Distribution');
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual([
      { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [namedDistributionId, 'DomainName'] }]] },
      'https://party.example',
    ]);
  });

  it('exports WebUrl', () => {
    template.hasOutput('WebUrl', {});
  });

  it('has no unacknowledged cdk-nag finding or error', () => {
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('stays nag-clean in a concrete account and region', () => {
    const concrete = synthesize({
      context: { web: true },
      webDistDir: distDir,
      env: { account: '123456789012', region: 'eu-west-1' },
    });
    expect(new AwsSolutionsChecks().validateScope(concrete.stack).violations).toEqual([]);
  });

  it('fails synth with the build command when the page is not built', () => {
    const empty = mkdtempSync(join(tmpdir(), 'party-web-empty-'));
    try {
      expect(() => synthesize({ context: { web: true }, webDistDir: empty })).toThrow(MissingWebBuildError);
      expect(() => synthesize({ context: { web: true }, webDistDir: empty })).toThrow(
        'npx vite build --config web/vite.config.ts',
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('default synth (no web context)', () => {
  it('creates no web hosting', () => {
    const plain = synthesize().template;
    for (const type of ['AWS::S3::Bucket', 'AWS::CloudFront::Distribution', 'Custom::CDKBucketDeployment']) {
      expect(Object.keys(plain.findResources(type)), type).toEqual([]);
    }
    expect(Object.keys(plain.findOutputs('WebUrl'))).toEqual([]);
  });
});
