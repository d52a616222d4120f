//! Makes deterministic "photos" (sky, sun, hills, grain) as JPEG files, for the example
//! site and the image benchmark:
//!
//! ```text
//! cargo run --example photo -- OUT.jpg WIDTH HEIGHT SEED
//! cargo run --example photo -- --many DIR COUNT      # 2–4 megapixel photos photo-0001.jpg …
//! ```

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize| -> u32 {
        args.get(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| usage())
    };
    if args.first().map(String::as_str) == Some("--many") {
        let dir = Path::new(args.get(1).unwrap_or_else(|| usage()));
        std::fs::create_dir_all(dir).expect("create the folder");
        for i in 1..=number(2) {
            // 2 to 4 megapixels, landscape 4:3 or 3:2.
            let mut rng = Rng(u64::from(i) * 0x9E37_79B9_7F4A_7C15);
            let width = 1700 + (rng.next() % 700) as u32;
            let height = width * (2 + (rng.next() % 2) as u32) / 3 - (rng.next() % 100) as u32;
            write(
                &dir.join(format!("photo-{i:04}.jpg")),
                width,
                height,
                u64::from(i),
                16.0,
            );
        }
    } else {
        let out = Path::new(args.first().unwrap_or_else(|| usage()));
        write(out, number(1), number(2), u64::from(number(3)), 4.0);
    }
}

fn usage() -> ! {
    eprintln!("usage: photo OUT.jpg WIDTH HEIGHT SEED | photo --many DIR COUNT");
    std::process::exit(2)
}

/// xorshift64*: the same pictures on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// `grain`: the film grain's strength (± levels).
fn write(out: &Path, width: u32, height: u32, seed: u64, grain: f32) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let sky_top = [
        rng.unit() * 80.0,
        90.0 + rng.unit() * 80.0,
        160.0 + rng.unit() * 90.0,
    ];
    let sky_low = [230.0, 170.0 + rng.unit() * 60.0, 120.0 + rng.unit() * 80.0];
    let hill = [
        30.0 + rng.unit() * 60.0,
        80.0 + rng.unit() * 70.0,
        30.0 + rng.unit() * 40.0,
    ];
    let (sun_x, sun_y) = (0.2 + rng.unit() * 0.6, 0.15 + rng.unit() * 0.3);
    let (phase, waves) = (rng.unit() * 6.3, 2.0 + rng.unit() * 4.0);
    let (w, h) = (width as f32, height as f32);
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        let (u, v) = (x as f32 / w, y as f32 / h);
        let mut c = [0.0f32; 3];
        for k in 0..3 {
            c[k] = sky_top[k] + (sky_low[k] - sky_top[k]) * v;
        }
        let d = ((u - sun_x) * w / h).hypot(v - sun_y);
        if d < 0.07 {
            c = [255.0, 240.0, 200.0];
        } else if d < 0.2 {
            let glow = (0.2 - d) / 0.13;
            for ck in &mut c {
                *ck += (255.0 - *ck) * glow * 0.5;
            }
        }
        let ridge = 0.62
            + 0.08 * (u * waves * std::f32::consts::TAU + phase).sin()
            + 0.03 * (u * 31.0).sin();
        if v > ridge {
            let depth = (v - ridge) / (1.0 - ridge);
            for k in 0..3 {
                c[k] = hill[k] * (1.0 - 0.5 * depth);
            }
        }
        // Film grain, so encoders work as hard as on a real photo.
        let noise = ((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729) ^ seed as u32)
            .wrapping_mul(2_654_435_761)
            >> 27) as f32
            / 16.0
            - 1.0;
        image::Rgb(c.map(|ck| (ck + noise * grain).clamp(0.0, 255.0) as u8))
    });
    if out.extension().is_some_and(|e| e == "png") {
        pixels.save(out).expect("write the picture");
        return;
    }
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85)
        .encode_image(&pixels)
        .expect("encode");
    std::fs::write(out, bytes).expect("write the photo");
}
