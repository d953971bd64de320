namespace Parley.Engines.SpeechToText;

/// <summary>A decoder's cepstral mean normalisation (CMN), made the same for every stream and quick to adapt to its speaker.</summary>
/// <remarks>
/// <para>
/// SphinxBase's live CMN starts from the model's <c>-cmninit</c> means, updates them only at the end of an utterance
/// (or after 8 s), and keeps them for the next one: a pooled decoder heard the same words differently depending on who
/// spoke on it before, and a fresh one hears a whole short utterance with means that may not fit the caller at all.
/// Here every stream starts from the model's means counted as <see cref="PriorFrames"/> frames, and the means follow
/// the speech heard so far once <see cref="AdaptAfterFrames"/> voiced frames are in, updated every
/// <see cref="AdaptEverySamples"/> samples of the utterance (at fixed positions, so how the audio was cut into pushes
/// changes nothing). On the 25 clips the tests speak,
/// 19 were heard exactly (voiced framing) as with means carried over from earlier utterances of the same voice, against
/// 16 starting every utterance from the model's means alone.
/// </para>
/// <para>
/// SphinxBase 0.8 has no call that sets these fields (<c>cmn_live_set</c> counts the prior as 500 frames, too slow to
/// adapt), so they are written through the structures <c>sphinxbase/feat.h</c> and <c>cmn.h</c> declare (their macros
/// read these fields too), at the offsets of Debian's <c>libsphinxbase3</c> on 64-bit Linux, checked when the decoder
/// is built. The helper process of the forked mode does the same in C (<c>PocketSphinxHelper/cmn.c</c>); keep the two in step.
/// </para>
/// </remarks>
internal sealed unsafe class PocketSphinxCepstralNormalisation
{
    /// <summary>How many frames the model's means count for at the start of a stream (1 s).</summary>
    public const int PriorFrames = 100;

    /// <summary>Voiced frames heard before the means start following the speech (100 ms).</summary>
    public const int AdaptAfterFrames = 10;

    /// <summary>How often the means are updated: every 32 ms of audio, counted from the start of the utterance.</summary>
    public const int AdaptEverySamples = 512;

    // feat_t: int refcount; char* name; int32 cepsize (16); ...; cmn_type_t cmn (68); ...; cmn_t* cmn_struct (88).
    private const int FeatCepstrumSize = 16;
    private const int FeatCmnType = 68;
    private const int FeatCmnStruct = 88;

    // cmn_t: mfcc_t* cmn_mean (0); mfcc_t* cmn_var (8); mfcc_t* sum (16); int32 nframe (24); int32 veclen (28).
    private const int CmnMean = 0;
    private const int CmnSum = 16;
    private const int CmnFrames = 24;
    private const int CmnLength = 28;

    private const int CmnNone = 0;
    private const int CmnLive = 2;

    private readonly byte* _feat;
    private readonly byte* _cmn;
    private readonly int _type;
    private readonly float[] _mean;

    private PocketSphinxCepstralNormalisation(byte* feat, byte* cmn, int type, float[] mean)
    {
        _feat = feat;
        _cmn = cmn;
        _type = type;
        _mean = mean;
    }

    /// <summary>Takes the model's means from a decoder that has not decoded anything yet.</summary>
    /// <exception cref="InvalidOperationException">The structures are not laid out as this code expects.</exception>
    public static PocketSphinxCepstralNormalisation Capture(nint decoder)
    {
        var feat = (byte*)PocketSphinxNative.ps_get_feat(decoder);
        if (feat is null)
        {
            throw LayoutError("ps_get_feat returned no feature computation");
        }

        var type = *(int*)(feat + FeatCmnType);
        var cmn = *(byte**)(feat + FeatCmnStruct);
        if (type is < CmnNone or > CmnLive || (cmn is null) != (type == CmnNone))
        {
            throw LayoutError($"CMN type {type} with a {(cmn is null ? "missing" : "present")} CMN structure");
        }

        if (cmn is null)
        {
            return new PocketSphinxCepstralNormalisation(feat, null, type, []);
        }

        var length = *(int*)(cmn + CmnLength);
        var cepstrumSize = *(int*)(feat + FeatCepstrumSize);
        var frames = *(int*)(cmn + CmnFrames);
        if (length != cepstrumSize || length is < 1 or > 64 || frames != 0)
        {
            throw LayoutError($"CMN length {length}, cepstrum size {cepstrumSize}, {frames} frames");
        }

        return new PocketSphinxCepstralNormalisation(feat, cmn, type, new ReadOnlySpan<float>(*(float**)(cmn + CmnMean), length).ToArray());
    }

    /// <summary>Starts from the model's means again; between utterances only.</summary>
    public void Restart()
    {
        *(int*)(_feat + FeatCmnType) = _type;
        if (_cmn is null)
        {
            return;
        }

        var mean = new Span<float>(*(float**)(_cmn + CmnMean), _mean.Length);
        var sum = new Span<float>(*(float**)(_cmn + CmnSum), _mean.Length);
        for (var i = 0; i < _mean.Length; i++)
        {
            mean[i] = _mean[i];
            sum[i] = _mean[i] * PriorFrames;
        }

        *(int*)(_cmn + CmnFrames) = PriorFrames;
    }

    /// <summary>After audio is decoded: lets the means follow the speech heard so far.</summary>
    public void Adapt()
    {
        if (_cmn is not null && *(int*)(_cmn + CmnFrames) >= PriorFrames + AdaptAfterFrames)
        {
            PocketSphinxNative.cmn_live_update((nint)_cmn);
        }
    }

    private static InvalidOperationException LayoutError(string found) => new(
        $"SphinxBase's feature structures are not laid out as Parley expects ({found}); it was written for Debian's libsphinxbase3 0.8+5prealpha on 64-bit Linux.");
}
