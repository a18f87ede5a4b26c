using System.Buffers;
using System.Text;

namespace FakeNews.Core.Tokenization;

public sealed partial class BertWordPieceTokenizer
{
    /// <summary>
    /// One tokenization, in a single pass: normalizes each code point (clean text, CJK split, accents, case),
    /// splits words on whitespace and punctuation, and runs WordPiece on each word as soon as it ends.
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

        public Encoder(BertWordPieceTokenizer tokenizer)
        {
            _tokenizer = tokenizer;
            _decompose = tokenizer._mode is NormalizationMode.StripAccents or NormalizationMode.StripAccentsAndLowercase;
            _word = ArrayPool<char>.Shared.Rent(2 * tokenizer._maxInputCharsPerWord);
            _ids = ArrayPool<int>.Shared.Rent(256);
        }

        /// <summary>The ids of the words completed so far.</summary>
        public readonly ReadOnlySpan<int> Ids => _ids.AsSpan(0, _count);

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
            // Words over the limit become [UNK] whole, so their characters need not be kept.
            if (++_wordChars > _tokenizer._maxInputCharsPerWord)
            {
                return;
            }

            if (codePoint < 0x10000)
            {
                _word[_wordLength++] = (char)codePoint;
            }
            else
            {
                _wordLength += new Rune(codePoint).EncodeToUtf16(_word.AsSpan(_wordLength));
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
        }

        private void EndWord()
        {
            if (_wordChars == 0)
            {
                return;
            }

            if (_wordChars > _tokenizer._maxInputCharsPerWord)
            {
                Add(_tokenizer.UnkId);
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
                    Add(_tokenizer.UnkId);
                    return;
                }

                Add(found);
                start = end;
            }
        }

        private void Add(int id)
        {
            if (_count == _ids.Length)
            {
                var bigger = ArrayPool<int>.Shared.Rent(_ids.Length * 2);
                _ids.AsSpan(0, _count).CopyTo(bigger);
                ArrayPool<int>.Shared.Return(_ids);
                _ids = bigger;
            }

            _ids[_count++] = id;
        }
    }
}
