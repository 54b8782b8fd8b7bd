#pragma once

#include <memory>

#include <QByteArray>
#include <QString>

#include "common/future_wait.h"
#include "common/result.h"
#include "domain/catalogue.h"
#include "domain/definition_describer.h"
#include "store/segment_store.h"

namespace segctl {

// What every command works with: the workspace (opened on first use), the catalogue, who is
// editing, standard output, and the one way errors are reported.
class CommandContext
{
public:
    enum class Open
    {
        ExistingOnly,    // a missing workspace is an error (read commands, delete, restore)
        CreateIfMissing, // save and import may start a new workspace
    };

    CommandContext(QString workspacePath, bool verbose);
    ~CommandContext();
    CommandContext(const CommandContext&) = delete;
    CommandContext& operator=(const CommandContext&) = delete;

    const QString& workspacePath() const { return m_workspacePath; }
    bool verbose() const { return m_verbose; }

    core::Result<core::SegmentStore*> store(Open mode);
    core::Result<std::shared_ptr<const core::Catalogue>> catalogue();
    // NotFound (listing the known ids) unless the open workspace has this advertiser.
    core::Status requireAdvertiser(const QString& advertiserId);
    // Plain-language criteria, naming referenced segments by their names from the workspace.
    core::Result<core::DefinitionDescriber> describer();

    // The name recorded as created_by / updated_by.
    QString userName() const;

    // Waits for a store call, keeping the event loop running.
    template <typename T> static T await(QFuture<T> future) { return core::awaitFuture(std::move(future)); }

    // Standard output (UTF-8). Nothing else goes there. A failed write (disk full, closed
    // pipe) is remembered: see finish().
    void print(const QString& text);
    void write(const QByteArray& bytes);
    // The command's exit code, or an error if its output could not be written.
    int finish(int exitCode);

    // Reports the error as one line on stderr ("segctl: error: <message> — <remediation>"),
    // logs its detail, and returns the exit code for its kind.
    int fail(const core::Error& error);
    // Reports a usage error (a malformed argument) and returns ExitCode::Usage.
    int usageError(const QString& message);

    // Reads a whole input file; an unreadable file is an Io error naming it.
    static core::Result<QByteArray> readFile(const QString& path);

private:
    QString m_workspacePath;
    bool m_verbose = false;
    QString m_outputError; // why standard output failed, empty while it works
    std::shared_ptr<const core::Catalogue> m_catalogue;
    std::unique_ptr<core::SegmentStore> m_store;
};

// Writes one line to stderr.
void printErrorLine(const QString& line);

} // namespace segctl
