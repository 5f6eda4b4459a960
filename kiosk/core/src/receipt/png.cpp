#include "quay/receipt/png.hpp"

#include <png.h>

#include <csetjmp>
#include <cstring>
#include <fstream>

#include "quay/error.hpp"

namespace quay::receipt {
namespace {

struct WriteState {
    std::vector<std::uint8_t>* out = nullptr;
    char message[200] = {};  // fixed: the error path must not allocate
};

void on_write(png_structp png, png_bytep data, png_size_t length) {
    auto* state = static_cast<WriteState*>(png_get_io_ptr(png));
    try {
        state->out->insert(state->out->end(), data, data + length);
    } catch (...) {
        png_error(png, "out of memory");
    }
}

void on_flush(png_structp) {}

void on_error(png_structp png, png_const_charp message) {
    auto* state = static_cast<WriteState*>(png_get_error_ptr(png));
    std::strncpy(state->message, message, sizeof state->message - 1);
    png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}

// Only C objects live between setjmp and a longjmp from libpng, so no destructor is skipped.
bool write_image(png_structp png, png_infop info, const Raster& raster, png_bytepp rows) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_IHDR(png, info, static_cast<png_uint_32>(raster.width()),
                 static_cast<png_uint_32>(raster.height()), 1, PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_pHYs(png, info, 8000, 8000, PNG_RESOLUTION_METER);  // 8 dots/mm: true print size
    png_write_info(png, info);
    png_set_invert_mono(png);  // the raster's 1 is black; PNG grey's 1 is white
    png_write_image(png, rows);
    png_write_end(png, nullptr);
    return true;
}

}  // namespace

std::vector<std::uint8_t> encode_png(const Raster& raster) {
    if (raster.width() <= 0 || raster.height() <= 0) {
        throw Error("png_failed", "cannot write an empty image");
    }
    std::vector<std::uint8_t> out;
    WriteState state;
    state.out = &out;
    struct Handles {
        png_structp png = nullptr;
        png_infop info = nullptr;
        ~Handles() { png_destroy_write_struct(&png, &info); }
    } h;
    h.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state, on_error, on_warning);
    if (h.png) h.info = png_create_info_struct(h.png);
    if (!h.png || !h.info) throw Error("png_failed", "libpng: out of memory");
    png_set_write_fn(h.png, &state, on_write, on_flush);
    std::vector<png_bytep> rows(static_cast<std::size_t>(raster.height()));
    for (int y = 0; y < raster.height(); ++y) {
        // libpng copies each row before transforming it: the raster is not modified.
        rows[static_cast<std::size_t>(y)] = const_cast<png_bytep>(raster.row(y).data());
    }
    const bool ok = write_image(h.png, h.info, raster, rows.data());
    if (!ok) throw Error("png_failed", std::string("libpng: ") + state.message);
    return out;
}

void write_png(const Raster& raster, const std::filesystem::path& file) {
    const auto bytes = encode_png(raster);
    auto tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            throw Error("png_failed", "cannot write " + tmp.string() + ": " + std::strerror(errno));
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, file, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw Error("png_failed", "cannot write " + file.string() + ": " + ec.message());
    }
}

GreyImage read_png(const std::filesystem::path& file) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, file.c_str())) {
        const std::string message = image.message;
        png_image_free(&image);
        throw Error("png_failed", file.string() + ": " + message);
    }
    image.format = PNG_FORMAT_GRAY;
    GreyImage out;
    out.width = static_cast<int>(image.width);
    out.height = static_cast<int>(image.height);
    out.pixels.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr)) {
        const std::string message = image.message;
        png_image_free(&image);
        throw Error("png_failed", file.string() + ": " + message);
    }
    return out;
}

Raster to_raster(const GreyImage& image) {
    Raster r(image.width, image.height);
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            if (image.pixels[static_cast<std::size_t>(y) * image.width + x] < 128) r.set(x, y);
        }
    }
    return r;
}

}  // namespace quay::receipt
