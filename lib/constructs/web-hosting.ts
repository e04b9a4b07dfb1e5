import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { REPO_ROOT } from '#lib/paths.ts';
import type { PageConfig } from '#shared/client/page-config.ts';

export const DEFAULT_WEB_DIST = join(REPO_ROOT, 'web', 'dist');

export interface WebHostingProps {
  /** The Vite build to upload; the build is not run here so synth stays fast and offline. */
  readonly distDir?: string;
  readonly removalPolicy: RemovalPolicy;
}

export class MissingWebBuildError extends Error {
  override readonly name = 'MissingWebBuildError';
}

/** The browser page: a private bucket that only CloudFront (through OAC) reads, served over HTTPS. */
export class WebHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  private readonly distDir: string;
  private readonly removalPolicy: RemovalPolicy;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const distDir = props.distDir ?? DEFAULT_WEB_DIST;
    this.distDir = distDir;
    this.removalPolicy = props.removalPolicy;
    if (!existsSync(join(distDir, 'index.html'))) {
      throw new MissingWebBuildError(
        `-c web=true deploys the page from ${distDir}, which has no index.html: ` +
          'run `npx vite build --config web/vite.config.ts` first.',
      );
    }

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy,
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      },
      defaultRootObject: 'index.html',
      // No minimumProtocolVersion: CloudFront ignores it on the default *.cloudfront.net certificate
      // (CDK warns); it becomes configurable once a custom domain and certificate are added.
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    });
  }

  /** The page's origin, which the HTTP API's CORS allows, and the address people open. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /**
   * Uploads the build with `config.json` beside index.html (one build serves every stack, see
   * shared/client/page-config.ts). A step of its own: the config names the APIs, and the HTTP API can
   * only be created once the page's origin, which its CORS allows, exists.
   */
  publish(config: PageConfig): s3deploy.BucketDeployment {
    return new s3deploy.BucketDeployment(this, 'Deployment', {
      sources: [s3deploy.Source.asset(this.distDir), s3deploy.Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      // Hashed assets never change under their name; only these two are rewritten in place.
      distributionPaths: ['/index.html', '/config.json'],
      // A destroyable stack must be able to delete its bucket, which CloudFormation only does when empty.
      retainOnDelete: this.removalPolicy === RemovalPolicy.RETAIN,
    });
  }
}
