using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Security;

/// <summary>
/// TLS for the HTTP API is Kestrel's own configuration (README "Security"): the documented keys
/// Kestrel:Endpoints:Https:Url and Certificate:Path/Password serve HTTPS beside the plain Tsdb:HttpPort.
/// </summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Documented_Kestrel_keys_serve_https_with_the_given_certificate()
    {
        using var data = new TempDirectory();
        const string password = "test-pfx-password";
        string pfx = Path.Combine(data.Path, "cert.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, password));

        int httpsPort = FreePorts.Next();
        await using var server = await InProcessServer.StartAsync(data.Path, null,
            $"--Kestrel:Endpoints:Https:Url=https://127.0.0.1:{httpsPort}",
            $"--Kestrel:Endpoints:Https:Certificate:Path={pfx}",
            $"--Kestrel:Endpoints:Https:Certificate:Password={password}");

        string? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                presented = cert?.Thumbprint;
                return cert is not null && cert.Thumbprint == certificate.Thumbprint;
            },
        };
        using var https = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var response = await https.GetAsync($"https://127.0.0.1:{httpsPort}/version");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()));
        Assert.Equal(certificate.Thumbprint, presented);

        // The plain port keeps working beside it.
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/version")).StatusCode);

        // A client that trusts only a different certificate refuses the server's.
        using var otherHandler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => false };
        using var strict = new HttpClient(otherHandler) { Timeout = TimeSpan.FromSeconds(30) };
        await Assert.ThrowsAsync<HttpRequestException>(() => strict.GetAsync($"https://127.0.0.1:{httpsPort}/version"));
    }
}
