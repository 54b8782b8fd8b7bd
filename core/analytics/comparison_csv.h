#pragma once

#include <QByteArray>

#include "analytics/comparison.h"

namespace core {

// A comparison as one CSV file for spreadsheets (CsvWriter: RFC 4180, CRLF, formula guard),
// in titled blocks separated by an empty row:
//   Comparison    — range, data as of, reach window;
//   Segments      — per segment: reach, KPI totals, CTR/CVR/CPM with 95 % interval bounds;
//   Definition    — one row per field, one column per segment, and whether it differs;
//   Overlap       — per pair: shared users, share of each, Jaccard;
//   Significance  — per pair and rate: rates, difference and interval, z, p, Holm-adjusted p and
//                   interval, outcome and the marketer's sentence.
// Rates and shares are fractions (0.0123), spend and CPM in currency units; an unbounded
// interval bound is an empty cell.
class ComparisonCsv
{
public:
    struct Options
    {
        bool byteOrderMark = true; // Excel needs it to read UTF-8
    };

    static QByteArray toCsv(const Comparison& comparison);
    static QByteArray toCsv(const Comparison& comparison, Options options);
    // Written atomically (writeFileAtomically): the file is complete or untouched.
    static Status write(const Comparison& comparison, const QString& path);
    static Status write(const Comparison& comparison, const QString& path, Options options);

    static QString outcomeKey(TestOutcome outcome); // "significant", "not_significant", "not_enough_data"
};

} // namespace core
