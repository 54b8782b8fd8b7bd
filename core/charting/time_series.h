#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "charting/x_range.h"
#include "common/result.h"

namespace core::charting {

// Positions [begin, end) into a TimeSeries.
struct IndexRange
{
    std::size_t begin = 0;
    std::size_t end = 0;

    std::size_t size() const { return end - begin; }
    bool isEmpty() const { return end <= begin; }
    bool operator==(const IndexRange&) const = default;
};

// Lowest and highest value of a block of TimeSeries::kBlockSize consecutive points, with their
// offsets in the block, and the offset of the block's first NaN (kNone when it has none). A block
// of NaNs only has min > max.
struct BlockSummary
{
    static constexpr std::uint8_t kNone = 0xff;

    double min;
    double max;
    std::uint8_t minAt;
    std::uint8_t maxAt;
    std::uint8_t firstNaNAt;
};

// The points of one chart line: x ascending (milliseconds since the epoch, or any other
// increasing unit), y a finite number or NaN for "no value here" (a gap the line must not
// bridge). Immutable and cheap to copy: copies share the points, so a worker thread can decimate
// while the GUI holds the same series. Creating one also summarises it in blocks (about 5 % more
// memory, one pass) so that decimating a zoomed-out view reads far fewer than all its points.
class TimeSeries
{
public:
    // Points per BlockSummary: a decimator reads a column spanning many blocks from the summaries.
    static constexpr std::size_t kBlockSize = 64;

    TimeSeries(); // no points

    // Checks the input: as many y as x, every x finite and not below its predecessor, no infinite
    // y. A Validation error names the first offending index.
    static Result<TimeSeries> create(std::vector<double> x, std::vector<double> y);

    std::size_t size() const { return m_data->x.size(); }
    bool isEmpty() const { return m_data->x.empty(); }
    std::span<const double> xs() const { return m_data->x; }
    std::span<const double> ys() const { return m_data->y; }
    double x(std::size_t i) const { return m_data->x[i]; }
    double y(std::size_t i) const { return m_data->y[i]; }
    // One summary per whole block of kBlockSize points (a shorter last block has none).
    std::span<const BlockSummary> blocks() const { return m_data->blocks; }

    // First to last x; nothing when there are no points.
    std::optional<XRange> extent() const;
    // The points with range.min <= x <= range.max (binary search, O(log n)).
    IndexRange indicesWithin(const XRange& range) const;
    // The point whose x is closest to `x` (the earlier one on a tie); nothing when empty.
    std::optional<std::size_t> nearestIndex(double x) const;

private:
    struct Data
    {
        std::vector<double> x;
        std::vector<double> y;
        std::vector<BlockSummary> blocks;
    };
    explicit TimeSeries(std::shared_ptr<const Data> data) : m_data(std::move(data)) {}

    std::shared_ptr<const Data> m_data;
};

} // namespace core::charting
