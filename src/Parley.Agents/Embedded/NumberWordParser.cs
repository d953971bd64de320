namespace Parley.Agents.Embedded;

/// <summary>
/// Parses numbers written as words ("one hundred and twenty three", "twelve hundred", "a thousand", "two point
/// five"), stopping at the first word that cannot continue the number so callers can find where it ends.
/// </summary>
internal static class NumberWordParser
{
    private enum Part { None, Unit, Teen, Tens, Hundred, Scale, And }

    /// <summary>Parses the longest number in words starting at <paramref name="start"/>; <paramref name="end"/> is the index after it.</summary>
    public static bool TryParse(IReadOnlyList<string> tokens, int start, out double value, out int end)
    {
        var state = new State();
        int i = start;
        for (; i < tokens.Count; i++)
        {
            string next = i + 1 < tokens.Count ? tokens[i + 1] : "";
            if (tokens[i] == "point")
            {
                if (state.Last != Part.And && IsDigitWord(next))
                {
                    i = state.ReadDecimals(tokens, i + 1);
                }

                break;
            }

            if (!state.TryAdd(tokens[i], next))
            {
                break;
            }
        }

        end = i;
        value = state.Value;
        return state.Last != Part.None;
    }

    private static bool IsDigitWord(string token) => NumberWords.TryGetSmall(token, out int digit) && digit <= 9;

    // Finished scale groups ("two million") are in _total, the group being built ("three hundred four") in _group.
    private struct State
    {
        private long _total;
        private long _group;
        private long _lastScale;
        private double _fraction;
        private bool _groupHasHundred;

        public Part Last { get; private set; }

        public readonly double Value => _total + _group + _fraction;

        public int ReadDecimals(IReadOnlyList<string> tokens, int start)
        {
            double scale = 0.1;
            int i = start;
            for (; i < tokens.Count && NumberWords.TryGetSmall(tokens[i], out int digit) && digit <= 9; i++, scale /= 10)
            {
                _fraction += digit * scale;
            }

            // "point five" on its own means 0.5.
            Last = Part.Unit;
            return i;
        }

        public bool TryAdd(string token, string next)
        {
            if (NumberWords.TryGetSmall(token, out int small))
            {
                return TryAddSmall(small);
            }

            return token switch
            {
                "a" => TryAddA(next),
                "and" => TryAddAnd(next),
                "hundred" => TryAddHundred(),
                _ => NumberWords.ScaleOrHundred(token) is long scale && TryAddScale(scale),
            };
        }

        private bool TryAddSmall(int small)
        {
            bool allowed = Last switch
            {
                Part.None => true,
                Part.Hundred or Part.Scale or Part.And => small > 0,
                Part.Tens => small is > 0 and < 10,
                _ => false,
            };
            if (!allowed)
            {
                return false;
            }

            _group += small;
            Last = small >= 20 ? Part.Tens : small < 10 ? Part.Unit : Part.Teen;
            return true;
        }

        // "a hundred", "a thousand".
        private bool TryAddA(string next)
        {
            if (Last != Part.None || NumberWords.ScaleOrHundred(next) is null)
            {
                return false;
            }

            _group = 1;
            Last = Part.Unit;
            return true;
        }

        // Only inside a number and only if it continues: "one hundred and five", but not the "and" in "five and six".
        private bool TryAddAnd(string next)
        {
            if (Last is not (Part.Hundred or Part.Scale) || !NumberWords.TryGetSmall(next, out int n) || n == 0)
            {
                return false;
            }

            Last = Part.And;
            return true;
        }

        // "twelve hundred" is common speech for 1200, so any group below a hundred may take "hundred".
        private bool TryAddHundred()
        {
            if (Last is not (Part.Unit or Part.Teen or Part.Tens) || _group is < 1 or > 99 || _groupHasHundred)
            {
                return false;
            }

            _group *= 100;
            _groupHasHundred = true;
            Last = Part.Hundred;
            return true;
        }

        private bool TryAddScale(long scale)
        {
            if (Last is not (Part.Unit or Part.Teen or Part.Tens or Part.Hundred) || _group == 0
                || (_lastScale != 0 && scale >= _lastScale))
            {
                return false;
            }

            _total += _group * scale;
            _group = 0;
            _groupHasHundred = false;
            _lastScale = scale;
            Last = Part.Scale;
            return true;
        }
    }
}
