using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AtTicket.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameKo",
                table: "Venues",
                type: "TEXT",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DescriptionKo",
                table: "Products",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TitleKo",
                table: "Products",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameKo",
                table: "Halls",
                type: "TEXT",
                maxLength: 120,
                nullable: false,
                defaultValue: "");
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
