using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>A server of its own whose uploads may hold at most 64 KiB, so a refusal for size is cheap to reach.</summary>
public sealed class SmallUploadServerFixture() : ServerFixture(["--Parley:Api:MaxUploadBytes", "65536"]);
