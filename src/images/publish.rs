//! Publishing the images' files: each output is put from the image cache, where it was
//! written when its article was read. An image's files are one group (one signature, one
//! entry in the build's records): the files the last build made of the same group are kept,
//! all at once when the sink can vouch for them together.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use anyhow::{Result, anyhow};
use rayon::prelude::*;

use super::{Format, Image, Output, cache, probe, variants};
use crate::cache::outputs::Group;
use crate::content::Article;
use crate::content::bundle;
use crate::site::Site;

/// Keeps an image's group of files (see `render::Sink::keep_group`).
pub type KeepGroup<'a> = dyn Fn(&str, &Group, u64) -> Result<bool> + Sync + 'a;

/// Where the outputs go (the render's sink, which this module does not know): `keep_group`
/// keeps the files of an image the last build made with the same signature (saying whether
/// it kept them all), `put` stores one.
pub struct Target<'a> {
    pub keep_group: &'a KeepGroup<'a>,
    pub put: &'a (dyn Fn(&str, &[u8]) -> Result<()> + Sync),
}

/// One image's files as published: the group, named by the output path of its first file
/// (the original), with its signature.
pub struct Published {
    pub key: String,
    pub signature: u64,
    pub group: Group,
}

/// Puts every image output of the site's articles into `target` (unless the one of the last
/// build, whose group has the same signature, is kept); returns each image's group of files.
pub fn publish(site: &Site, target: &Target) -> Result<Vec<Published>> {
    let cache_dir = crate::cache::dir(&site.config.root);
    let mut groups = SharedGroups::default();
    let jobs: Vec<(&Article, &Image, Group)> = site
        .articles
        .iter()
        .flat_map(|a| {
            // Images of `static/` are published with the static files.
            a.images()
                .iter()
                .filter(|i| i.is_in_the_bundle())
                .map(move |i| (a.as_ref(), i))
        })
        .map(|(article, image)| (article, image, groups.of(image)))
        .collect();
    jobs.into_par_iter()
        .map(|(article, image, group)| {
            let key = bundle::output_file_of_page(&article.path, &image.name);
            let signature = signature(image);
            if (target.keep_group)(&key, &group, signature)? {
                return Ok(Published {
                    key,
                    signature,
                    group,
                });
            }
            // Not kept whole: every file of the group is put.
            let files: Vec<String> = group.files(&key).collect();
            let published = Published {
                key,
                signature,
                group,
            };
            let outputs = image.outputs.iter().enumerate().zip(&files);
            if !site.config.images.encode {
                // Only checked: the files are there by name, for the links to them.
                for (_, file) in outputs {
                    (target.put)(file, &[])?;
                }
                return Ok(published);
            }
            let mut remade: Option<Image> = None;
            for ((at, output), file) in outputs {
                let bytes = match cache::read(&cache_dir, output.key, output.format) {
                    Some(bytes) => bytes,
                    None => {
                        // The cache was cleared since the article was read.
                        if remade.is_none() {
                            remade = Some(remake(article, image, site, &cache_dir)?);
                        }
                        let key = remade.as_ref().map_or(0, |i| i.outputs[at].key);
                        cache::read(&cache_dir, key, output.format).ok_or_else(|| {
                            anyhow!("cannot write the image cache {}", cache_dir.display())
                        })?
                    }
                };
                (target.put)(file, &bytes)?;
            }
            Ok(published)
        })
        .collect()
}

/// The groups of images' files made so far, by their names: most photos of a site have the
/// same names (`foto.jpg`, `foto-480w.webp`, …), so their group is made once and shared.
#[derive(Default)]
struct SharedGroups<'i> {
    /// With the images whose files they are.
    made: HashMap<NamesKey<'i>, Vec<(&'i Image, Group)>, ahash::RandomState>,
    /// The last group given, with its image: the next image's is most often the same.
    last: Option<(&'i Image, Group)>,
}

/// An image's name, stem and [`widths_and_formats`]: what its files' names are made of.
type NamesKey<'i> = (&'i str, &'i str, u64);

impl<'i> SharedGroups<'i> {
    /// The group of `image`'s files, shared with an earlier image's of the same names.
    fn of(&mut self, image: &'i Image) -> Group {
        if let Some((other, group)) = &self.last
            && same_names(image, other)
        {
            return group.clone();
        }
        let group = self.of_any(image);
        self.last = Some((image, group.clone()));
        group
    }

    /// [`SharedGroups::of`], looked for among all the groups made so far.
    fn of_any(&mut self, image: &'i Image) -> Group {
        let key = (image.name.as_str(), image.stem(), widths_and_formats(image));
        let made = self.made.entry(key).or_default();
        if let Some((_, group)) = made.iter().find(|(other, _)| same_names(image, other)) {
            return group.clone();
        }
        let group = group_of(image);
        made.push((image, group.clone()));
        group
    }
}

/// What an output's name is made of beside its image's name and stem: nothing for the
/// original (its image's own name, whatever its width), else its width and format.
fn name_part(output: &Output) -> Option<(u32, Format)> {
    (!output.original).then_some((output.width, output.format))
}

/// The [`name_part`]s of an image's outputs folded into one number, for finding images of
/// the same names fast.
fn widths_and_formats(image: &Image) -> u64 {
    image
        .outputs
        .iter()
        .fold(image.outputs.len() as u64, |h, o| {
            let part = name_part(o).map_or(u64::MAX, |(w, f)| u64::from(w) | (f as u64) << 32);
            (h.rotate_left(7) ^ part).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        })
}

/// Whether the files of two images have the same names.
fn same_names(a: &Image, b: &Image) -> bool {
    a.name == b.name
        && a.stem() == b.stem()
        && a.outputs.len() == b.outputs.len()
        && a.outputs
            .iter()
            .zip(&b.outputs)
            .all(|(x, y)| name_part(x) == name_part(y))
}

/// The group of an image's files: their names in the folder of its original (where all of
/// them sit), written into one string rather than a string each.
fn group_of(image: &Image) -> Group {
    let mut names = String::new();
    let mut ends = Vec::with_capacity(image.outputs.len());
    for output in &image.outputs {
        let start = names.len();
        image.push_output_name(&mut names, output);
        ends.push((start, names.len()));
    }
    Group::new(ends.iter().map(|&(start, end)| {
        let name = &names[start..end];
        name.rsplit_once('/').map_or(name, |(_, name)| name)
    }))
}

/// The signature of an image's files: their names (the image's name and stem, each
/// variant's width and format) and cache keys (which hold the photo's bytes and the
/// settings that made each).
fn signature(image: &Image) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    (&image.name, image.stem()).hash(&mut h);
    // Each output in one piece (a hash call per field was a tenth of publishing).
    for output in &image.outputs {
        let mut piece = [0u8; 14];
        piece[0] = u8::from(output.original);
        piece[1] = output.format as u8;
        piece[2..6].copy_from_slice(&output.width.to_le_bytes());
        piece[6..14].copy_from_slice(&output.key.to_le_bytes());
        h.update(&piece);
    }
    h.finish()
}

/// Makes an image's outputs again from its file.
fn remake(
    article: &Article,
    image: &Image,
    site: &Site,
    cache_dir: &std::path::Path,
) -> Result<Image> {
    let folder = article.file.parent().unwrap_or(std::path::Path::new(""));
    let path = folder.join(&image.name);
    let bytes =
        crate::files::read_regular(&path).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let settings = &site.config.images;
    let probed =
        probe::probe(&bytes, settings.max_pixels).map_err(|e| anyhow!("{} {e}", path.display()))?;
    let made = variants::make(&bytes, &probed, settings, cache_dir)
        .map_err(|e| anyhow!("{}: {e}", path.display()))?;
    Ok(Image {
        outputs: made.outputs,
        ..image.clone()
    })
}

/// Whether the bundle file `name` of `article` is published by [`publish`] (an image) or
/// not at all (an SVG with active parts), rather than copied.
pub fn is_not_copied(article: &Article, name: &str, bytes: &[u8]) -> bool {
    article
        .images()
        .iter()
        .any(|i| i.is_in_the_bundle() && i.name == name)
        || (name.to_ascii_lowercase().ends_with(".svg") && super::svg::active_part(bytes).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG photo `width` wide with WebP and JPEG variants at `widths`.
    fn photo(name: &str, width: u32, widths: &[u32]) -> Image {
        let output = |original: bool, width: u32, format: Format| Output {
            original,
            width,
            height: width / 2,
            format,
            key: u64::from(width),
            len: 1,
            offered: true,
        };
        let mut outputs = vec![output(true, width, Format::Jpeg)];
        for &w in widths {
            outputs.push(output(false, w, Format::Webp));
            outputs.push(output(false, w, Format::Jpeg));
        }
        Image {
            name: name.into(),
            stem: None,
            stamp: None,
            width,
            height: width / 2,
            outputs,
            fallback: Format::Jpeg,
            social: 0,
            home: None,
        }
    }

    #[test]
    fn photos_whose_files_have_the_same_names_share_one_group() {
        let photos = [
            photo("foto.jpg", 2000, &[480, 960]),
            // Another size, the same names: the original's name holds no width.
            photo("foto.jpg", 3000, &[480, 960]),
            // Names of their own: another variant width, another name.
            photo("foto.jpg", 900, &[480, 900]),
            photo("peta.jpg", 2000, &[480, 960]),
        ];
        let mut groups = SharedGroups::default();
        for photo in &photos {
            assert_eq!(groups.of(photo), group_of(photo), "{}", photo.width);
        }
        let made: usize = groups.made.values().map(Vec::len).sum();
        assert_eq!(made, 3);
        assert_eq!(
            group_of(&photos[2]).names().collect::<Vec<_>>(),
            [
                "foto.jpg",
                "foto-480w.webp",
                "foto-480w.jpg",
                "foto-900w.webp",
                "foto-900w.jpg"
            ]
        );
    }
}
