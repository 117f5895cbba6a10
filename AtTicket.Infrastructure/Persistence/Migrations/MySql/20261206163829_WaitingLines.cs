using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AtTicket.Infrastructure.Persistence.Migrations.MySql
{
    /// <inheritdoc />
    public partial class WaitingLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WaitingLines",
                columns: table => new
                {
                    PerformanceId = table.Column<int>(type: "int", nullable: false),
                    OpensAt = table.Column<DateTimeOffset>(type: "datetime(6)", nullable: false),
                    AdmitPerMinute = table.Column<int>(type: "int", nullable: true),
                    MaxShopping = table.Column<int>(type: "int", nullable: true),
                    ShoppingWindowSeconds = table.Column<int>(type: "int", nullable: false),
                    GraceSeconds = table.Column<int>(type: "int", nullable: false),
                    Paused = table.Column<bool>(type: "tinyint(1)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WaitingLines", x => x.PerformanceId);
                    table.ForeignKey(
                        name: "FK_WaitingLines_Performances_PerformanceId",
                        column: x => x.PerformanceId,
                        principalTable: "Performances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                })
                .Annotation("MySql:CharSet", "utf8mb4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WaitingLines");
        }
    }
}
