using FsCheck;
using FsCheck.Fluent;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using Xunit;
using static RecordAccess.Core.Model.ReasonCode;
using static RecordAccess.Core.Tests.TestRequests;

namespace RecordAccess.Core.Tests;

/// <summary>Invariants of the rule table, checked on generated requests.</summary>
public sealed class PropertyTests
{
    private const int Cases = 20_000;
    private static readonly DateOnly Today = new(2024, 6, 15);

    private static readonly Func<DecisionRequest, DecisionRequest>[] WithholdingFacts =
    [
        r => r with { NationalPause = true },
        r => r.Practice is null ? r : r with { Practice = r.Practice with { OptedOut = true } },
        r => r.Practice is null ? r : r with { Practice = r.Practice with { SwitchOnDate = InputDate.Of(Today.AddDays(1)) } },
        r => Patient(r, p => p with { Restricted = true }),
        r => Patient(r, p => p with { SafeguardingFlag = true }),
        r => Patient(r, p => p with { Codes = [.. p.Codes, new PatientCode(Declined, InputDate.Of(Today))] }),
        r => Patient(r, p => p with { Codes = [.. p.Codes, new PatientCode(ReviewIndicated, InputDate.Of(Today.AddDays(5)))] }),
        r => Patient(r, p => p with { IndividualGrantDate = InputDate.Absent }),
        r => Patient(r, p => p with { HistoricFromDate = InputDate.Absent }),
        r => Patient(r, p => p with { IndividualStartDate = InputDate.Of(Today) }),
        r => Entries(r, e => e with { Redacted = true }),
        r => Entries(r, e => e with { Labels = [.. e.Labels, "NOPAT"] }),
        r => Entries(r, e => e with { Released = false }),
        r => Entries(r, e => e with { Status = EntryStatus.Provisional }),
    ];

    [Fact]
    public void Evaluate_AddingAWithholdingFact_NeverMakesAnEntryMoreVisible() =>
        Check(Generators.Requests, g =>
        {
            if (RequestValidator.FindProblem(g.Request) is not null)
            {
                return true; // untrusted input: the facts below would be changes of input, not withholding facts
            }

            var before = DecisionEngine.Evaluate(g.Request);
            return WithholdingFacts.All(add =>
                DecisionEngine.Evaluate(add(g.Request)).Zip(before).All(p => !p.First.Visible || p.Second.Visible));
        });

    [Fact]
    public void Evaluate_WithholdingEachEntryAlone_NeverMakesAnotherEntryMoreVisible() =>
        Check(Generators.Requests, g =>
        {
            var before = DecisionEngine.Evaluate(g.Request);
            var entries = g.Request.Entries;
            return Enumerable.Range(0, entries.Count).All(k =>
            {
                var changed = entries.Select((e, i) => i == k ? e with { Redacted = true } : e).ToArray();
                return DecisionEngine.Evaluate(g.Request with { Entries = changed }).Zip(before).All(p => !p.First.Visible || p.Second.Visible);
            });
        });

    [Fact]
    public void Evaluate_GrantsAndUnblockCodes_NeverOverrideRules6To7And10To12Including11a() =>
        Check(Generators.Requests, g =>
        {
            if (RequestValidator.FindProblem(g.Request) is not null)
            {
                return true;
            }

            // In effect on the evaluation date (2025.1 ignores them before their date); a later grant is kept (2024.1 counts it).
            var today = g.Request.EvaluationDate;
            var granted = Patient(g.Request, p => p with
            {
                IndividualGrantDate = p.IndividualGrantDate.IsValid && p.IndividualGrantDate.Value > today.Value ? p.IndividualGrantDate : today,
                HistoricFromDate = InputDate.Of(new DateOnly(1900, 1, 1)),
                Codes = [.. p.Codes, new PatientCode(ReviewNotIndicated, today)],
            });
            var before = DecisionEngine.Evaluate(g.Request);
            var after = DecisionEngine.Evaluate(granted);
            return before.Select((d, i) => !Dominant(g.Request, before, i) || after[i].Reason == d.Reason).All(ok => ok);
        });

    [Fact]
    public void Evaluate_Future106_NeverLiftsA104Today() =>
        Check(Generators.Requests, g =>
        {
            var r = g.Request with { RuleSet = RuleSetVersion.V2025_1 };
            if (RequestValidator.FindProblem(r) is not null)
            {
                return true;
            }

            // Rule set 2025.1: a 106 dated after the evaluation date (hazard H12) changes no answer, whatever else is on the record.
            var today = r.EvaluationDate.Value;
            var before = DecisionEngine.Evaluate(r);
            return new[] { 1, 2, 30 }.All(days =>
                DecisionEngine.Evaluate(Patient(r, p => p with { Codes = [.. p.Codes, new PatientCode(ReviewNotIndicated, InputDate.Of(today.AddDays(days)))] }))
                    .SequenceEqual(before));
        });

    [Fact]
    public void Evaluate_AddingA103Or104WithAnyEffectiveDate_NeverMakesAnEntryMoreVisible() =>
        Check(Arb.From(Generators.Requests.Generator.Zip(Gen.Choose(-40, 40))), t =>
        {
            var (g, days) = t;
            if (RequestValidator.FindProblem(g.Request) is not null)
            {
                return true;
            }

            // A withholding fact is never postponed: past, today or future-dated, a 103 or 104 counts at once (both rule sets).
            var date = InputDate.Of(g.Request.EvaluationDate.Value.AddDays(days));
            var before = DecisionEngine.Evaluate(g.Request);
            return new[] { Declined, ReviewIndicated }.All(code =>
                DecisionEngine.Evaluate(Patient(g.Request, p => p with { Codes = [.. p.Codes, new PatientCode(code, date)] }))
                    .Zip(before).All(p => !p.First.Visible || p.Second.Visible));
        });

    [Fact]
    public void Evaluate_RuleSet2024_IgnoresEntryCodesEntirely() =>
        Check(Generators.Requests, g =>
        {
            var r = g.Request with { RuleSet = RuleSetVersion.V2024_1 };
            var withoutCodes = Entries(r, e => e with { Code = null });
            return DecisionEngine.Evaluate(r).SequenceEqual(DecisionEngine.Evaluate(withoutCodes))
                && ReferenceModel.Evaluate(r).SequenceEqual(DecisionEngine.Evaluate(r));
        });

    [Fact]
    public void Evaluate_NoEntryCodesAndNothingDatedAfterToday_BothRuleSetsAgree() =>
        Check(Generators.Requests, g =>
        {
            // The rule sets differ only in entry codes and facts dated after the evaluation date.
            var r = Entries(g.Request, e => e with { Code = null });
            if (r.EvaluationDate.IsValid && r.Patient is { } p)
            {
                var today = r.EvaluationDate.Value;
                r = r with
                {
                    Patient = p with
                    {
                        Codes = [.. p.Codes.Where(c => !c.EffectiveDate.IsValid || c.EffectiveDate.Value <= today)],
                        IndividualGrantDate = p.IndividualGrantDate.IsValid && p.IndividualGrantDate.Value > today ? InputDate.Absent : p.IndividualGrantDate,
                    },
                };
            }

            var current = DecisionEngine.Evaluate(r with { RuleSet = RuleSetVersion.V2025_1 }).Select(d => d.Reason);
            var previous = DecisionEngine.Evaluate(r with { RuleSet = RuleSetVersion.V2024_1 }).Select(d => d.Reason);
            return current.SequenceEqual(previous);
        });

    [Fact]
    public void Evaluate_EachEntryWithItsAncestorsAlone_SameAsInTheBatch() =>
        Check(Generators.UniqueIdRequests, g =>
        {
            var entries = g.Request.Entries;
            var batch = DecisionEngine.Evaluate(g.Request);
            var byId = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
            return entries.Select((entry, i) =>
            {
                var closure = new HashSet<string>(StringComparer.Ordinal);
                for (var e = entry; e is not null && closure.Add(e.Id); e = e.ParentId is { } p ? byId.GetValueOrDefault(p) : null)
                {
                }

                var alone = g.Request with { Entries = entries.Where(e => closure.Contains(e.Id)).ToArray() };
                return DecisionEngine.Evaluate(alone).Single(d => d.EntryId == entry.Id) == batch[i];
            }).All(ok => ok);
        });

    [Fact]
    public void Evaluate_EntriesInAnyOrder_SameAnswers() =>
        Check(Arb.From(Generators.Requests.Generator.Zip(Gen.Choose(0, int.MaxValue))), t =>
        {
            var (g, seed) = t;
            var order = Enumerable.Range(0, g.Request.Entries.Count).ToArray();
            new Random(seed).Shuffle(order);
            var shuffled = g.Request with { Entries = order.Select(i => g.Request.Entries[i]).ToArray() };
            var before = DecisionEngine.Evaluate(g.Request);
            var after = DecisionEngine.Evaluate(shuffled);
            return order.Select((original, position) => after[position] == before[original]).All(ok => ok);
        });

    [Fact]
    public void Evaluate_SameInputTwice_SameOutput() =>
        Check(Arb.From(Generators.Requests.Generator.Zip(Generators.Requests.Generator)), t =>
        {
            var first = DecisionEngine.Evaluate(t.Item1.Request);
            _ = DecisionEngine.Evaluate(t.Item2.Request); // reuses the thread's scratch buffers in between
            return first.SequenceEqual(DecisionEngine.Evaluate(t.Item1.Request))
                && ReferenceModel.Evaluate(t.Item1.Request).SequenceEqual(ReferenceModel.Evaluate(t.Item1.Request));
        });

    /// <summary>Withheld by rule 6, 7, 10, 11 or 11a, or by rule 12 because of an ancestor withheld by 10, 11, 11a or untrusted input.</summary>
    private static bool Dominant(DecisionRequest r, Decision[] decisions, int i)
    {
        var reason = decisions[i].Reason;
        if (reason is RestrictedRiskOfHarm or SafeguardingFlag or EntryRedacted or EntrySensitive or AccessControlCode)
        {
            return true;
        }

        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < r.Entries.Count; k++)
        {
            firstIndex.TryAdd(r.Entries[k].Id, k);
        }

        for (var steps = 0; reason == ParentWithheld && steps <= r.Entries.Count; steps++)
        {
            i = firstIndex[r.Entries[i].ParentId!];
            reason = decisions[i].Reason;
        }

        return reason is EntryRedacted or EntrySensitive or AccessControlCode or DecisionUnavailable;
    }

    private static DecisionRequest Patient(DecisionRequest r, Func<PatientFacts, PatientFacts> change) =>
        r.Patient is null ? r : r with { Patient = change(r.Patient) };

    private static DecisionRequest Entries(DecisionRequest r, Func<EntryFacts, EntryFacts> change) =>
        r with { Entries = r.Entries.Select(change).ToArray() };

    private static void Check<T>(Arbitrary<T> arbitrary, Func<T, bool> property) =>
        Prop.ForAll(arbitrary, property).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithEndSize(10));
}
