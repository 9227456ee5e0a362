import Foundation
import Testing

@testable import Deploy

@Suite struct DeployTargetTests {
    @Test func s3URLWithEverything() throws {
        let target = try DeployTarget.parse(
            "s3://wmcj-site/www/?endpoint=https://oss-cn-hangzhou.aliyuncs.com&region=oss-cn-hangzhou")
        guard case .s3(let location) = target else {
            Issue.record("not s3")
            return
        }
        #expect(location.bucket == "wmcj-site")
        #expect(location.prefix == "www/")
        #expect(location.endpoint.absoluteString == "https://oss-cn-hangzhou.aliyuncs.com")
        #expect(location.region == "oss-cn-hangzhou")
        #expect(location.style == .virtual)
    }

    @Test func s3DefaultsToAWSAndVirtualHostStyle() throws {
        guard case .s3(let location) = try DeployTarget.parse("s3://my-bucket") else {
            Issue.record("not s3")
            return
        }
        #expect(location.prefix == "")
        #expect(location.region == "us-east-1")
        #expect(location.endpoint.absoluteString == "https://s3.us-east-1.amazonaws.com")
        #expect(location.style == .virtual)
    }

    @Test func pathStyleWhenAsked() throws {
        guard
            case .s3(let location) = try DeployTarget.parse(
                "s3://b.with.dots/a/b?endpoint=http://127.0.0.1:9000&style=path")
        else {
            Issue.record("not s3")
            return
        }
        #expect(location.style == .path)
        #expect(location.prefix == "a/b/")
        #expect(location.endpoint.port == 9000)
    }

    @Test func sshURL() throws {
        #expect(
            try DeployTarget.parse("ssh://deploy@www.example.gov.cn:2222/srv/wmcj/")
                == .ssh(SSHLocation(user: "deploy", host: "www.example.gov.cn", port: 2222, path: "/srv/wmcj")))
        #expect(
            try DeployTarget.parse("ssh://root@10.0.0.5/var/www")
                == .ssh(SSHLocation(user: "root", host: "10.0.0.5", port: nil, path: "/var/www")))
    }

    @Test(arguments: [
        ("ftp://host/path", "s3:// 或 ssh://"),
        ("s3://UPPER/site", "存储桶名"),
        ("s3://ab", "存储桶名"),
        ("s3://bucket/site?endpoint=oss-cn-hangzhou.aliyuncs.com", "endpoint"),
        ("s3://bucket/site?endpoint=https://host/path", "endpoint"),
        ("s3://bucket/site?style=dns", "style"),
        ("s3://bucket/site?acl=public", "不认识的参数"),
        ("s3://bucket/../x", "'..'"),
        ("s3://b.with.dots/site", "style=path"),
        ("ssh://host/srv", "用户名"),
        ("ssh://u@host", "目录"),
        ("ssh://u@host:99999/srv", "端口"),
        ("ssh://u@host/", "目录"),
        ("ssh://u@host/srv/../etc", "目录"),
        ("ssh://u@host/srv/a;rm -rf", "目录"),
        ("ssh://-oProxyCommand=x@host/srv", "用户名"),
    ])
    func badURLsSayWhatIsWrong(url: String, says: String) {
        #expect {
            _ = try DeployTarget.parse(url)
        } throws: { error in
            guard let error = error as? DeployError else { return false }
            return error.kind == .usage && error.message.contains(says) && error.exitCode == 2
        }
    }

    @Test func requestsNameTheBucketInTheHostUnlessPathStyle() throws {
        guard
            case .s3(let virtual) = try DeployTarget.parse(
                "s3://wmcj/www?endpoint=https://oss-cn-hangzhou.aliyuncs.com"),
            case .s3(let path) = try DeployTarget.parse("s3://wmcj/www?endpoint=http://127.0.0.1:9000&style=path")
        else {
            Issue.record("not s3")
            return
        }
        let a = S3Client.address(of: "www/新闻/a b.html", in: virtual)
        #expect(a.scheme == "https" && a.host == "wmcj.oss-cn-hangzhou.aliyuncs.com")
        #expect(a.path == "/www/%E6%96%B0%E9%97%BB/a%20b.html")
        #expect(S3Client.address(of: nil, in: virtual).path == "/")
        let b = S3Client.address(of: "www/index.html", in: path)
        #expect(b.scheme == "http" && b.host == "127.0.0.1:9000" && b.path == "/wmcj/www/index.html")
        #expect(S3Client.address(of: nil, in: path).path == "/wmcj")
        #expect(S3Client.listingPrefix("www/site/") == "www")
    }
}
