using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AtTicket.Infrastructure.Persistence.Migrations.MySql
{
    /// <inheritdoc />
    public partial class KoreanShowData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AddressKo",
                table: "Venues",
                type: "varchar(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "NameKo",
                table: "Venues",
                type: "varchar(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "DescriptionKo",
                table: "Products",
                type: "varchar(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "TitleKo",
                table: "Products",
                type: "varchar(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "NameKo",
                table: "Halls",
                type: "varchar(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "")
                .Annotation("MySql:CharSet", "utf8mb4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AddressKo",
                table: "Venues");

            migrationBuilder.DropColumn(
                name: "NameKo",
                table: "Venues");

            migrationBuilder.DropColumn(
                name: "DescriptionKo",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "TitleKo",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "NameKo",
                table: "Halls");
        }
    }
}
