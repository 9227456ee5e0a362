"""Prepares a moto_server started with INITIAL_NO_AUTH_ACTION_COUNT=4 for the deploy tests.

The four unauthenticated calls create an IAM user with an access key allowed s3:*, and the
bucket; after them moto checks every request's signature and permissions. Prints the key as JSON.
Usage: moto_setup.py ENDPOINT BUCKET
"""
import json
import sys

import boto3

endpoint, bucket = sys.argv[1], sys.argv[2]
common = dict(endpoint_url=endpoint, region_name="us-east-1",
              aws_access_key_id="setup", aws_secret_access_key="setup")
iam = boto3.client("iam", **common)
iam.create_user(UserName="deployer")
key = iam.create_access_key(UserName="deployer")["AccessKey"]
iam.put_user_policy(
    UserName="deployer", PolicyName="s3",
    PolicyDocument=json.dumps({"Version": "2012-10-17",
                               "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
boto3.client("s3", **common).create_bucket(Bucket=bucket)
print(json.dumps({"access_key": key["AccessKeyId"], "secret": key["SecretAccessKey"]}))
