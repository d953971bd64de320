using Parley.Storage.Secrets;

namespace Parley.Storage.Tests.Secrets;

public sealed class SecretProtectorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parley-secret-keys", Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_key_ring_in_the_folder_outlives_the_protector_so_a_restarted_server_reads_its_secrets()
    {
        var stored = SecretProtector.WithKeysIn(_directory).Protect("value");

        Assert.NotEqual("value", stored);
        Assert.NotEmpty(Directory.GetFiles(_directory, "*.xml"));
        Assert.Equal("value", SecretProtector.WithKeysIn(_directory).Unprotect(stored));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
