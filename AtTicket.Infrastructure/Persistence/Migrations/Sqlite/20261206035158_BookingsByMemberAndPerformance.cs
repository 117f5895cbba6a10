using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AtTicket.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BookingsByMemberAndPerformance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Bookings_MemberId_PerformanceId",
                table: "Bookings",
                columns: new[] { "MemberId", "PerformanceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Bookings_MemberId_PerformanceId",
                table: "Bookings");
        }
    }
}
