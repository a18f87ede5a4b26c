using System.Buffers;
using System.Text;

namespace FakeNews.Core.Tokenization;

public sealed partial class BertWordPieceTokenizer
{
    /// <summary>
    /// One tokenization, in a single pass: normalizes each code point (clean text, CJK split, accents, case),
    /// splits words on whitespace and punctuation, and runs WordPiece on each word as soon as it ends.
    /// With offsets tracked, each character of the current word remembers the source code point it came from, so each
    /// id gets the range of the source that produced it (a piece: its characters' sources; [UNK]: its whole word).
    /// Buffers come from the shared pools and go back in <see cref="Dispose"/>.
    /// </summary>
    private ref struct Encoder
    {
        private const CharFlags Special = CharFlags.Removed | CharFlags.Whitespace | CharFlags.Chinese;

        private readonly BertWordPieceTokenizer _tokenizer;
        private readonly bool _decompose;
        private char[] _word;
        private int _wordLength;
        private int _wordChars;
        private int _runStart;
        private int[] _ids;
        private int _count;

        // Offset tracking (null when off): source range per word character, and per id.
        private int[]? _charStart;
        private int[]? _charEnd;
        private int[]? _idStart;
        private int[]? _idEnd;
        private int _pointStart;
        private int _pointEnd;
        private int _wordStart;
        private int _wordEnd;

        public Encoder(BertWordPieceTokenizer tokenizer, bool trackOffsets = false)
        {
            _tokenizer = tokenizer;
            _decompose = tokenizer._mode is NormalizationMode.StripAccents or NormalizationMode.StripAccentsAndLowercase;
            _word = ArrayPool<char>.Shared.Rent(2 * tokenizer._maxInputCharsPerWord);
            _ids = ArrayPool<int>.Shared.Rent(256);
            if (trackOffsets)
            {
                _charStart = ArrayPool<int>.Shared.Rent(_word.Length);
                _charEnd = ArrayPool<int>.Shared.Rent(_word.Length);
                _idStart = ArrayPool<int>.Shared.Rent(_ids.Length);
                _idEnd = ArrayPool<int>.Shared.Rent(_ids.Length);
            }
        }

        /// <summary>The ids of the words completed so far.</summary>
        public readonly ReadOnlySpan<int> Ids => _ids.AsSpan(0, _count);

        /// <summary>Per id, the first source character it came from (offsets tracked only).</summary>
        public readonly ReadOnlySpan<int> Starts => _idStart.AsSpan(0, _count);

        /// <summary>Per id, just past the last source character it came from (offsets tracked only).</summary>
        public readonly ReadOnlySpan<int> Ends => _idEnd.AsSpan(0, _count);

        /// <summary>Tokenizes <paramref name="text"/>, stopping once at least <paramref name="maxIds"/> ids exist.</summary>
        public void Run(ReadOnlySpan<char> text, int maxIds)
        {
            var i = 0;
            while (i < text.Length)
            {
                // Ids only grow when a word ends, so everything after this point would be truncated away.
                if (_count >= maxIds)
                {
                    return;
                }

                _pointStart = i;
                int codePoint = text[i];
                if (codePoint < 0x80)
                {
                    i++;
                }
                else
                {
                    // A lone surrogate decodes as U+FFFD, which clean_text removes.
                    Rune.DecodeFromUtf16(text[i..], out var rune, out var used);
                    codePoint = rune.Value;
                    i += used;
                }

                _pointEnd = i;
                var flags = BertUnicode.GetFlags(codePoint);
                if ((flags & Special) == 0)
                {
                    EmitNormalized(codePoint, flags);
                }
                else if ((flags & CharFlags.Removed) != 0)
                {
                    continue;
                }
                else if ((flags & CharFlags.Whitespace) != 0)
                {
                    EndWord();
                }
                else if (_tokenizer._splitChinese)
                {
                    EndWord();
                    EmitNormalized(codePoint, flags);
                    EndWord();
                }
                else
                {
                    EmitNormalized(codePoint, flags);
                }
            }

            EndWord();
        }

        public void Dispose()
        {
            ArrayPool<char>.Shared.Return(_word);
            ArrayPool<int>.Shared.Return(_ids);
            _word = [];
            _ids = [];
            if (_charStart is not null)
            {
                ArrayPool<int>.Shared.Return(_charStart);
                ArrayPool<int>.Shared.Return(_charEnd!);
                ArrayPool<int>.Shared.Return(_idStart!);
                ArrayPool<int>.Shared.Return(_idEnd!);
                _charStart = _charEnd = _idStart = _idEnd = null;
            }
        }

        private void EmitNormalized(int codePoint, CharFlags flags)
        {
            var mode = _tokenizer._mode;
            if (codePoint < 0x80)
            {
                if (mode is NormalizationMode.Lowercase or NormalizationMode.StripAccentsAndLowercase
                    && (uint)(codePoint - 'A') <= 'Z' - 'A')
                {
                    codePoint += 'a' - 'A';
                }

                Emit(codePoint, flags);
                return;
            }

            if (_decompose && BertUnicode.TryDecomposeHangul(codePoint, out var leading, out var vowel, out var trailing))
            {
                Append(leading);
                Append(vowel);
                if (trailing != default)
                {
                    Append(trailing);
                }

                return;
            }

            var mapped = BertUnicode.Map(codePoint, flags, mode);
            if (mapped is null)
            {
                Emit(codePoint, flags);
                return;
            }

            if (mapped.Length == 0 && BertUnicode.IsDroppedStarter(codePoint))
            {
                // NFD ran before the mark was dropped: it still separates the marks around it.
                _runStart = _wordLength;
                return;
            }

            // The normalizer's output is what the pre-tokenizer sees: a character can become punctuation (U+1FEF -> `).
            for (var j = 0; j < mapped.Length; j++)
            {
                int output = mapped[j];
                if (char.IsHighSurrogate(mapped[j]))
                {
                    output = char.ConvertToUtf32(mapped[j], mapped[j + 1]);
                    j++;
                }

                Emit(output, BertUnicode.GetFlags(output));
            }
        }

        private void Emit(int codePoint, CharFlags flags)
        {
            if ((flags & CharFlags.Punctuation) == 0)
            {
                if ((flags & CharFlags.NonStarter) != 0 && _decompose)
                {
                    AppendNonStarter(codePoint);
                }
                else
                {
                    Append(codePoint);
                }

                return;
            }

            EndWord();
            Append(codePoint);
            EndWord();
        }

        private void Append(int codePoint)
        {
            if (_charStart is not null)
            {
                _wordStart = _wordChars == 0 ? _pointStart : _wordStart;
                _wordEnd = _pointEnd;
            }

            // Words over the limit become [UNK] whole, so their characters need not be kept.
            if (++_wordChars > _tokenizer._maxInputCharsPerWord)
            {
                return;
            }

            var at = _wordLength;
            if (codePoint < 0x10000)
            {
                _word[_wordLength++] = (char)codePoint;
            }
            else
            {
                _wordLength += new Rune(codePoint).EncodeToUtf16(_word.AsSpan(_wordLength));
            }

            if (_charStart is not null)
            {
                _charStart.AsSpan(at, _wordLength - at).Fill(_pointStart);
                _charEnd.AsSpan(at, _wordLength - at).Fill(_pointEnd);
            }
        }

        // NFD's canonical ordering: a non-starter moves before the non-starters of higher rank that precede it in the
        // current run (a stable sort). Stripped marks are already gone, which leaves the kept ones in the same order.
        private void AppendNonStarter(int codePoint)
        {
            var end = _wordLength;
            Append(codePoint);
            var size = _wordLength - end;
            if (size == 0)
            {
                return; // past the word limit: the word is [UNK] whatever its order
            }

            var rank = BertUnicode.CombiningRank(codePoint);
            var position = end;
            while (position > _runStart)
            {
                var length = char.IsLowSurrogate(_word[position - 1]) ? 2 : 1;
                int previous = length == 2 ? char.ConvertToUtf32(_word[position - 2], _word[position - 1]) : _word[position - 1];
                if ((BertUnicode.GetFlags(previous) & CharFlags.NonStarter) == 0 || BertUnicode.CombiningRank(previous) <= rank)
                {
                    break;
                }

                position -= length;
            }

            if (position == end)
            {
                return;
            }

            Span<char> moved = stackalloc char[2];
            _word.AsSpan(end, size).CopyTo(moved);
            _word.AsSpan(position, end - position).CopyTo(_word.AsSpan(position + size));
            moved[..size].CopyTo(_word.AsSpan(position));
            if (_charStart is not null)
            {
                Rotate(_charStart, position, end, size);
                Rotate(_charEnd!, position, end, size);
            }
        }

        // Moves the `size` entries at `end` to `position`, shifting [position, end) up: the same move as the characters'.
        private static void Rotate(int[] values, int position, int end, int size)
        {
            Span<int> moved = stackalloc int[2];
            values.AsSpan(end, size).CopyTo(moved);
            values.AsSpan(position, end - position).CopyTo(values.AsSpan(position + size));
            moved[..size].CopyTo(values.AsSpan(position));
        }

        private void EndWord()
        {
            if (_wordChars == 0)
            {
                return;
            }

            if (_wordChars > _tokenizer._maxInputCharsPerWord)
            {
                Add(_tokenizer.UnkId, _wordStart, _wordEnd);
            }
            else
            {
                WordPiece(_word.AsSpan(0, _wordLength));
            }

            _wordLength = 0;
            _wordChars = 0;
            _runStart = 0;
        }

        // Greedy longest-match-first, exactly as tokenizers' WordPiece: if any part of the word has no piece, the
        // whole word is [UNK]. Candidate ends step back one code point at a time, never inside a surrogate pair.
        private void WordPiece(ReadOnlySpan<char> word)
        {
            var first = _count;
            var start = 0;
            while (start < word.Length)
            {
                var atStart = start == 0;
                var longest = atStart ? _tokenizer._longestWordStart : _tokenizer._longestContinuation;
                var end = Math.Min(word.Length, start + longest);
                if (end < word.Length && char.IsLowSurrogate(word[end]))
                {
                    end--;
                }

                var found = -1;
                while (end > start)
                {
                    var piece = word[start..end];
                    if (atStart ? _tokenizer._wordStart.TryGetValue(piece, out found)
                            : _tokenizer._continuation.TryGetValue(piece, out found))
                    {
                        break;
                    }

                    found = -1;
                    end--;
                    if (end > start && char.IsLowSurrogate(word[end]))
                    {
                        end--;
                    }
                }

                if (found < 0)
                {
                    _count = first;
                    Add(_tokenizer.UnkId, _wordStart, _wordEnd);
                    return;
                }

                if (_charStart is null)
                {
                    Add(found, 0, 0);
                }
                else
                {
                    // Canonical reordering can move a mark before characters of an earlier source position.
                    var sources = _charStart.AsSpan(start, end - start);
                    Add(found, Min(sources), Max(_charEnd.AsSpan(start, end - start)));
                }

                start = end;
            }
        }

        private void Add(int id, int start, int end)
        {
            if (_count == _ids.Length)
            {
                _ids = Grow(_ids, _count);
                if (_idStart is not null)
                {
                    _idStart = Grow(_idStart, _count);
                    _idEnd = Grow(_idEnd!, _count);
                }
            }

            if (_idStart is not null)
            {
                _idStart[_count] = start;
                _idEnd![_count] = end;
            }

            _ids[_count++] = id;
        }

        private static int[] Grow(int[] values, int count)
        {
            var bigger = ArrayPool<int>.Shared.Rent(values.Length * 2);
            values.AsSpan(0, count).CopyTo(bigger);
            ArrayPool<int>.Shared.Return(values);
            return bigger;
        }

        private static int Min(ReadOnlySpan<int> values)
        {
            var min = values[0];
            foreach (var v in values)
            {
                min = Math.Min(min, v);
            }

            return min;
        }

        private static int Max(ReadOnlySpan<int> values)
        {
            var max = values[0];
            foreach (var v in values)
            {
                max = Math.Max(max, v);
            }

            return max;
        }
    }
}
