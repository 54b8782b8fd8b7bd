#pragma once

namespace segctl {

class CommandContext;

// `segctl provision` and `segctl doctor` on PostgreSQL/Lakebase (--postgres, --lakebase): the
// shared commands hand over to these when a PostgreSQL database was chosen.
class PostgresCommands
{
public:
    // Brings the schema to the app's version (numbered migrations; running it again changes nothing).
    static int provision(CommandContext& context);
    // Server and sign-in, tables at the app's schema version, privileges (the GRANT that fixes them).
    static int doctor(CommandContext& context);
};

} // namespace segctl
