// Which --db names a PostgreSQL server, and how its connection string is
// shown: never with the password.
#include <catch2/catch.hpp>

#include "toolcmp/store/store.h"

using namespace toolcmp;

TEST_CASE("a URI or a libpq key=value string names a server and anything else a file") {
  CHECK(is_postgres_target("postgresql://alice@db.example/toolcmp"));
  CHECK(is_postgres_target("postgres://db.example/toolcmp"));
  CHECK(is_postgres_target("service=toolcmp"));
  CHECK(is_postgres_target("  host=/run/postgresql dbname=toolcmp"));
  CHECK(is_postgres_target("dbname = toolcmp"));
  CHECK_FALSE(is_postgres_target("panel.db"));
  CHECK_FALSE(is_postgres_target("./service=toolcmp"));
  CHECK_FALSE(is_postgres_target("/data/host=x.db"));
  CHECK_FALSE(is_postgres_target("Service=x"));  // libpq's keywords are lower case
  CHECK_FALSE(is_postgres_target(""));
  CHECK_FALSE(is_postgres_target("postgresql:/x"));
}

TEST_CASE("a connection string is shown with its password as ***") {
  CHECK(shown_connection("postgresql://alice:s3cret@db.example:5432/toolcmp") ==
        "postgresql://alice:***@db.example:5432/toolcmp");
  CHECK(shown_connection("postgres://alice:p%40ss@/toolcmp?host=/tmp") == "postgres://alice:***@/toolcmp?host=/tmp");
  CHECK(shown_connection("postgresql:///toolcmp?user=alice&password=s3cret&sslmode=verify-full") ==
        "postgresql:///toolcmp?user=alice&password=***&sslmode=verify-full");
  CHECK(shown_connection("postgresql://alice@db.example/toolcmp") == "postgresql://alice@db.example/toolcmp");
  CHECK(shown_connection("host=db user=alice password=s3cret dbname=toolcmp") ==
        "host=db user=alice password=*** dbname=toolcmp");
  CHECK(shown_connection("password = 'two words\\' quoted' host=db") == "password = *** host=db");
  CHECK(shown_connection("host=db passfile=/home/a/.pgpass") == "host=db passfile=/home/a/.pgpass");
  CHECK(shown_connection("panel.db") == "panel.db");
  CHECK(connection_has_password("host=db password=s3cret"));
  CHECK(connection_has_password("postgresql://alice:s3cret@db/toolcmp"));
  CHECK_FALSE(connection_has_password("host=db user=alice"));
  CHECK_FALSE(connection_has_password("password.db"));
}

TEST_CASE("a secret is hidden as libpq reads it however the connection string spells it") {
  auto hides = [](const std::string& given, const std::string& secret) {
    std::string shown = shown_connection(given);
    INFO(shown);
    CHECK(shown.find(secret) == std::string::npos);
    return shown;
  };
  // A percent-encoded key: libpq reads %70assword as password.
  CHECK_THAT(hides("postgresql://alice@db/toolcmp?%70assword=S3cretPass", "S3cretPass"), Catch::Contains("***"));
  // sslpassword is a secret too.
  CHECK_THAT(hides("host=db user=alice sslpassword=S3cretKey", "S3cretKey"), Catch::Contains("sslpassword='***'"));
  // An escaped space inside an unquoted value: the whole value is the password.
  CHECK_THAT(hides("host=db password=abc\\ S3cretTail dbname=x", "S3cretTail"), Catch::Contains("dbname='x'"));
  // A string libpq cannot read is not shown at all.
  CHECK(hides("postgresql://alice:S3cretPass%zz@db/toolcmp", "S3cretPass") == "(a connection string libpq cannot read)");
  CHECK(connection_has_password("host=db sslpassword=k"));
}

TEST_CASE("schema= is toolcmp's own parameter: shown as given, never passed to libpq, never a secret") {
  // libpq would refuse the string with schema= in it; shown, it is there after the rest.
  CHECK(shown_connection("host=db user=alice password=s3cret schema=team_a") ==
        "host=db user=alice password=*** schema=team_a");
  CHECK(shown_connection("host=db schema='team a' dbname=toolcmp") == "host=db dbname=toolcmp schema=team a");
  CHECK(shown_connection("postgresql://alice:s3cret@db/toolcmp?schema=team_a&sslmode=require") ==
        "postgresql://alice:***@db/toolcmp?sslmode=require&schema=team_a");
  CHECK(shown_connection("postgresql://db/toolcmp?schema=team_a") == "postgresql://db/toolcmp?schema=team_a");
  CHECK(connection_has_password("host=db password=s3cret schema=x"));
  CHECK_FALSE(connection_has_password("host=db schema=x"));
  // A key that merely ends in "schema" is not it: libpq refuses it as it would.
  CHECK(shown_connection("host=db myschema=x") == "(a connection string libpq cannot read)");
}
